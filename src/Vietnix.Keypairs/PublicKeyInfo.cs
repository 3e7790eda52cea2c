namespace Vietnix.Keypairs;

/// <summary>What Get-VietnixPublicKeyInfo reads from a public key, without any network call.</summary>
public sealed class PublicKeyInfo
{
    internal PublicKeyInfo(KeyPairType type, string publicKey)
    {
        Type = type.ToString();
        PublicKey = publicKey;
    }

    /// <summary>Ssh or X509 (the names of <see cref="KeyPairType"/>), as a string for ConvertTo-Json.</summary>
    public string Type { get; }

    /// <summary>As ssh-keygen -l names it (ED25519, RSA, ECDSA, …); for a certificate, its key's algorithm.</summary>
    public string? Algorithm { get; internal set; }

    public int? KeySize { get; internal set; }

    /// <summary>The text after the key data of an ssh key (often user@host).</summary>
    public string? Comment { get; internal set; }

    /// <summary>The text after "VSTOR-KEY-DESC:" in the comment, the vendor's description convention.</summary>
    public string? Description { get; internal set; }

    /// <summary>The fingerprint Nova will show for this key: the MD5 one for ssh, the SHA-1 one for x509.</summary>
    public string Fingerprint { get; internal set; } = "";

    /// <summary>ssh keys: MD5 of the key blob, colon hex (ssh-keygen -l -E md5 without "MD5:").</summary>
    public string? Md5Fingerprint { get; internal set; }

    /// <summary>ssh keys: ssh-keygen's default fingerprint, "SHA256:" and unpadded base64.</summary>
    public string? Sha256Fingerprint { get; internal set; }

    /// <summary>x509 certificates: SHA-1 of the DER, colon hex (openssl x509 -fingerprint -sha1, in lower case).</summary>
    public string? Sha1Fingerprint { get; internal set; }

    /// <summary>The key as it would be sent: one normalised line for ssh, LF-ended PEM for x509.</summary>
    public string PublicKey { get; }

    /// <summary>The file the key was read from, when it was.</summary>
    public string? Path { get; internal set; }

    public override string ToString() => Sha256Fingerprint ?? Fingerprint;
}
