using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>A token Keystone issued, with what its body says about it. The value never leaves the client.</summary>
internal sealed class KeystoneToken
{
    internal KeystoneToken(string value, DateTimeOffset expiresAt, ServiceCatalog catalog)
    {
        Value = value;
        ExpiresAt = expiresAt;
        Catalog = catalog;
    }

    /// <summary>The X-Subject-Token; internal so that nothing can print it.</summary>
    internal string Value { get; }

    public DateTimeOffset ExpiresAt { get; }

    public ServiceCatalog Catalog { get; }

    public string? UserId { get; init; }

    public string? UserName { get; init; }

    public string? UserDomainName { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectDomainName { get; init; }

    /// <summary>
    /// How logs may name a token, as keystoneauth does: a hash prefix that tells tokens apart
    /// without revealing them.
    /// </summary>
    public string Fingerprint => FingerprintOf(Value);

    public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => ExpiresAt - now <= margin;

    internal static string FingerprintOf(string token)
    {
        using var sha256 = SHA256.Create();
        var digest = sha256.ComputeHash(Encoding.UTF8.GetBytes(token));
        return "{SHA256}" + string.Concat(digest.Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
