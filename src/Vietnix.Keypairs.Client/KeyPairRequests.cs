namespace Vietnix.Keypairs.Client;

/// <summary>Nova's two key pair types.</summary>
internal enum NovaKeyType
{
    Ssh,
    X509,
}

/// <summary>A create (no public key: the server generates one) or an import.</summary>
internal sealed class KeyPairCreateRequest
{
    public KeyPairCreateRequest(string name) => Name = name;

    public string Name { get; }

    /// <summary>The key to import; null asks the server to generate one (below 2.92 only).</summary>
    public string? PublicKey { get; init; }

    /// <summary>Null leaves the type to the server (ssh).</summary>
    public NovaKeyType? Type { get; init; }

    /// <summary>The owner, for an admin acting for another user (2.10 and later).</summary>
    public string? UserId { get; init; }
}

internal sealed class KeyPairListRequest
{
    /// <summary>List another user's key pairs (admin, 2.10 and later).</summary>
    public string? UserId { get; init; }

    /// <summary>Key pairs per page from 2.35; null lets the server choose (its max_limit). Every page is still read.</summary>
    public int? PageSize { get; init; }
}
