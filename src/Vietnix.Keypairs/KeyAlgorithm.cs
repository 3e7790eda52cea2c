namespace Vietnix.Keypairs;

/// <summary>The algorithms New-VietnixKeyPair can generate a key with on this machine.</summary>
public enum KeyAlgorithm
{
    /// <summary>Ed25519 (256 bits): short, fast, and OpenSSH's default. The default here too.</summary>
    Ed25519,

    /// <summary>RSA, 3072 bits unless -KeySize says otherwise (2048 to 16384), for servers that take nothing newer.</summary>
    Rsa,

    /// <summary>ECDSA on the NIST curve P-256, P-384 or P-521 (-KeySize 256, 384 or 521).</summary>
    Ecdsa,
}
