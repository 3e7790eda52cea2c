namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// keystone/auth/core.py <c>AuthContext</c>: what the auth methods of one request established together.
/// Every method must name the same user (else 401); of several expiries the earliest wins.
/// </summary>
internal sealed class AuthContext
{
    // CONF.auth.methods by default, in configuration order. A fernet token stores its methods as a bit
    // mask over this list and lists them back from the highest bit down, which is the order used here.
    public static readonly IReadOnlyList<string> SupportedMethods = ["external", "password", "token", "oauth1", "mapped", "application_credential"];

    private readonly HashSet<string> methods = [];

    public EmulatorUser? User { get; private set; }

    /// <summary>The expiry of a token used to authenticate: a rescoped token keeps it.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The audit chain of a token used to authenticate.</summary>
    public string? ParentAuditId { get; private set; }

    public IReadOnlyList<string> Methods => [.. SupportedMethods.Reverse().Where(methods.Contains)];

    public void Succeeded(string method, EmulatorUser user)
    {
        if (User is not null && User != user)
        {
            throw KeystoneFault.Unauthorized();
        }

        User = user;
        methods.Add(method);
    }

    /// <summary>The token method also carries over the earlier token's methods, expiry and audit chain.</summary>
    public void SucceededWithToken(IssuedToken token)
    {
        Succeeded("token", token.User);
        methods.UnionWith(token.Methods);
        ExpiresAt = ExpiresAt is { } earlier && earlier < token.ExpiresAt ? earlier : token.ExpiresAt;
        ParentAuditId = token.ChainAuditId;
    }
}
