using System.Diagnostics.CodeAnalysis;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// Every token issued since start, in issue order: the start-up ones and those of <c>POST /v3/auth/tokens</c>.
/// Nova's token check (keystonemiddleware) and Keystone's own validation both read it. A token is valid
/// until its expiry (Keystone: <c>current_time &lt; expiry</c>) unless revoked. Issue and expiry times have
/// whole seconds, as a fernet token's creation time and Keystone's default_expire_time do.
/// </summary>
internal sealed class TokenTable(TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly List<IssuedToken> issued = [];
    private readonly Dictionary<string, IssuedToken> byValue = new(StringComparer.Ordinal);
    private readonly HashSet<string> revoked = new(StringComparer.Ordinal);

    public IssuedToken Issue(TokenGrant grant, TimeSpan lifetime)
    {
        var now = WholeSeconds(clock.GetUtcNow());
        var auditId = KeystoneIds.NewAuditId();
        var token = new IssuedToken(
            KeystoneIds.NewToken(),
            grant.User,
            grant.Project,
            grant.Roles,
            grant.Methods,
            now,
            grant.InheritedExpiry ?? now + lifetime,
            grant.ParentAuditId is { } parent ? [auditId, parent] : [auditId],
            grant.Credential);
        lock (gate)
        {
            issued.Add(token);
            byValue[token.Value] = token;
        }

        return token;
    }

    /// <summary>Finds a token issued here; <paramref name="valid"/> tells whether it is neither expired nor revoked.</summary>
    public bool TryFind(string value, [NotNullWhen(true)] out IssuedToken? token, out bool valid)
    {
        lock (gate)
        {
            valid = byValue.TryGetValue(value, out token) && !revoked.Contains(value) && clock.GetUtcNow() < token.ExpiresAt;
            return token is not null;
        }
    }

    /// <summary>keystonemiddleware's check: a missing, unknown, expired or revoked token is refused alike.</summary>
    public bool TryValidate(string? value, [NotNullWhen(true)] out IssuedToken? token)
    {
        token = null;
        return value is not null && TryFind(value, out token, out var valid) && valid;
    }

    /// <summary>Keystone revokes by the token's own audit id, so tokens rescoped from it stay valid.</summary>
    public void Revoke(IssuedToken token)
    {
        lock (gate)
        {
            revoked.Add(token.Value);
        }
    }

    public IReadOnlyList<(IssuedToken Token, bool Revoked)> Snapshot()
    {
        lock (gate)
        {
            return [.. issued.Select(token => (token, revoked.Contains(token.Value)))];
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));
}
