namespace Vietnix.Keypairs.Client.Keys;

internal enum PublicKeyKind
{
    /// <summary>An OpenSSH public key line (Nova type "ssh").</summary>
    Ssh,

    /// <summary>A PEM X.509 certificate (Nova type "x509").</summary>
    X509Certificate,
}

/// <summary>One public key, validated and normalised into the form Nova fingerprints correctly.</summary>
internal sealed class ParsedPublicKey
{
    public ParsedPublicKey(PublicKeyKind kind, string text, string algorithm, byte[] fingerprintInput)
    {
        Kind = kind;
        Text = text;
        Algorithm = algorithm;
        FingerprintInput = fingerprintInput;
    }

    public PublicKeyKind Kind { get; }

    /// <summary>The same ssh key with another comment; the key data, and so every fingerprint, stay the same.</summary>
    public ParsedPublicKey WithComment(string comment)
    {
        var fields = Text.Split([' '], 3);
        return new ParsedPublicKey(Kind, $"{fields[0]} {fields[1]} {comment}", Algorithm, FingerprintInput)
        {
            KeyAlgorithm = KeyAlgorithm,
            KeySize = KeySize,
            Comment = comment,
        };
    }

    /// <summary>
    /// What to send: "type SP base64 [SP comment]" for ssh (Nova splits on a single space), or
    /// the certificate's PEM with LF line ends.
    /// </summary>
    public string Text { get; }

    /// <summary>The wire name for ssh keys (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, …) or "x509".</summary>
    public string Algorithm { get; }

    /// <summary>
    /// The key's algorithm as ssh-keygen -l names it (ED25519, RSA, ECDSA, DSA, ED25519-SK, …); for a
    /// certificate, the algorithm of its public key (RSA, ECDSA), or null when it is another.
    /// </summary>
    public string? KeyAlgorithm { get; init; }

    /// <summary>Modulus or curve size in bits, when the key format tells it.</summary>
    public int? KeySize { get; init; }

    public string? Comment { get; init; }

    /// <summary>The key blob (ssh) or the certificate DER (x509): what fingerprints hash.</summary>
    public byte[] FingerprintInput { get; }

    /// <summary>The fingerprint Nova computes and returns for this key.</summary>
    public string NovaFingerprint => Kind == PublicKeyKind.Ssh
        ? Fingerprints.Md5ColonHex(FingerprintInput)
        : Fingerprints.Sha1ColonHex(FingerprintInput);

    /// <summary>ssh-keygen's SHA256 fingerprint (ssh keys only).</summary>
    public string? Sha256Fingerprint => Kind == PublicKeyKind.Ssh ? Fingerprints.Sha256(FingerprintInput) : null;
}
