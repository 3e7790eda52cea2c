using System;
using System.Security;

namespace Vietnix.Keypairs;

/// <summary>A Nova key pair, as every key pair cmdlet emits it.</summary>
public sealed class KeyPair
{
    internal KeyPair(string name, KeyPairType type, string fingerprint, string publicKey)
    {
        Name = name;
        Type = type.ToString();
        Fingerprint = fingerprint;
        PublicKey = publicKey;
    }

    /// <summary>Unique per user; the name servers are created with (key_name).</summary>
    public string Name { get; }

    /// <summary>
    /// Ssh or X509 (the names of <see cref="KeyPairType"/>): a string, so ConvertTo-Json and
    /// Export-Csv write the word rather than the enum's number.
    /// </summary>
    public string Type { get; }

    /// <summary>Nova's fingerprint: MD5 colon hex for ssh keys, SHA-1 colon hex for x509 certificates.</summary>
    public string Fingerprint { get; }

    /// <summary>ssh-keygen's fingerprint ("SHA256:" and unpadded base64) of an ssh key, as ssh-keygen -l prints it.</summary>
    public string? Sha256Fingerprint { get; internal set; }

    /// <summary>The key's algorithm as ssh-keygen -l names it (ED25519, RSA, ECDSA, …); for a certificate, its key's.</summary>
    public string? Algorithm { get; internal set; }

    /// <summary>The key size in bits, when the key tells it.</summary>
    public int? KeySize { get; internal set; }

    public string PublicKey { get; }

    /// <summary>
    /// Who generated the key, when this command made the key pair: the server, this machine, or
    /// nobody (an imported key). Null for key pairs that were only read.
    /// </summary>
    /// <remarks>Imported, GeneratedByServer or GeneratedLocally (the names of <see cref="KeyPairOrigin"/>), as a string for ConvertTo-Json.</remarks>
    public string? Origin { get; internal set; }

    /// <summary>
    /// Only when the server generated the key and it was not saved with -PrivateKeyPath: the PEM
    /// private key (ssh) or the base64 PKCS#12 (x509). A SecureString so it never appears in
    /// formatted output, JSON or transcripts by accident.
    /// </summary>
    public SecureString? PrivateKey { get; internal set; }

    /// <summary>The owner; list results carry it only when listed with -UserId.</summary>
    public string? UserId { get; internal set; }

    /// <summary>When Nova stored the key (UTC); only the detail view (Get-VietnixKeyPair -Name) carries it.</summary>
    public DateTime? CreatedAt { get; internal set; }

    /// <summary>The text after "VSTOR-KEY-DESC:" in the public key's comment, the vendor's bookkeeping convention.</summary>
    public string? Description { get; internal set; }

    /// <summary>Where the private key was saved, when it was.</summary>
    public string? PrivateKeyPath { get; internal set; }

    /// <summary>
    /// The user the key pair was read or created for with -UserId; null when it is the caller's
    /// own. Remove-VietnixKeyPair uses it so a piped key pair is removed for the right user, and
    /// no user_id is sent for the caller's own keys (which microversions below 2.10 refuse).
    /// </summary>
    internal string? RequestedUserId { get; set; }

    public override string ToString() => Name;
}
