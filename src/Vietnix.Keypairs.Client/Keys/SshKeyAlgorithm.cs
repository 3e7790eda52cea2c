namespace Vietnix.Keypairs.Client.Keys;

/// <summary>The key types <see cref="SshKeyGenerator"/> makes, as ssh-keygen's -t names them.</summary>
public enum SshKeyAlgorithm
{
    /// <summary>ssh-ed25519, always 256 bits; ssh-keygen's default type.</summary>
    Ed25519,

    /// <summary>ssh-rsa with public exponent 65537, 2048 to 16384 bits.</summary>
    Rsa,

    /// <summary>ecdsa-sha2-nistp256/384/521, on the NIST curve of that size.</summary>
    Ecdsa,
}
