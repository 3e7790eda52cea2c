namespace Vietnix.Keypairs;

public enum KeyPairComparisonStatus
{
    /// <summary>The server's key pair holds the local key.</summary>
    Match,

    /// <summary>The server's key pair holds another key.</summary>
    Mismatch,

    /// <summary>The server has no key pair of that name (for that user).</summary>
    NotFound,
}

/// <summary>What Test-VietnixKeyPair -Detailed found when it compared a local key with the server's.</summary>
public sealed class KeyPairComparison
{
    internal KeyPairComparison(string name, KeyPairComparisonStatus status, string localFingerprint)
    {
        Name = name;
        Status = status.ToString();
        LocalFingerprint = localFingerprint;
    }

    public string Name { get; }

    /// <summary>Match, Mismatch or NotFound (the names of <see cref="KeyPairComparisonStatus"/>), as a string for ConvertTo-Json.</summary>
    public string Status { get; }

    public bool Matches => Status == nameof(KeyPairComparisonStatus.Match);

    /// <summary>Nova's form of the local key's fingerprint (MD5 for ssh, SHA-1 for x509).</summary>
    public string LocalFingerprint { get; }

    /// <summary>The fingerprint the server stores; null when it has no such key pair.</summary>
    public string? ServerFingerprint { get; internal set; }

    /// <summary>ssh-keygen's SHA256 fingerprint of the local key (ssh keys).</summary>
    public string? LocalSha256Fingerprint { get; internal set; }

    /// <summary>ssh-keygen's SHA256 fingerprint of the server's key (ssh keys), computed from its public key.</summary>
    public string? ServerSha256Fingerprint { get; internal set; }

    /// <summary>The local key's algorithm, as ssh-keygen -l names it.</summary>
    public string? Algorithm { get; internal set; }

    /// <summary>The file the local key was read from, when it was.</summary>
    public string? Path { get; internal set; }

    /// <summary>The owner asked about with -UserId; null for the caller's own key pairs.</summary>
    public string? UserId { get; internal set; }
}
