namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>What the request's <c>scope</c> (or its application credential) asks for.</summary>
internal enum ScopeKind
{
    /// <summary>No scope sent: Keystone falls back to the user's default project, and none has one.</summary>
    Default,

    /// <summary><c>"scope": "unscoped"</c> or <c>{"unscoped": …}</c>.</summary>
    Unscoped,

    Project,

    /// <summary>
    /// A domain or system scope. Keystone resolves it before checking credentials, but the seeded users
    /// hold no role on a domain or on the system, so issuing fails with 401 (mint's scope validation).
    /// </summary>
    WithoutRoles,
}

/// <summary>The normalised scope (Keystone's AuthInfo._scope_data), with the application credential that set it.</summary>
internal sealed record AuthScope(ScopeKind Kind, KeystoneProject? Project = null, ApplicationCredential? Credential = null)
{
    public static AuthScope Default { get; } = new(ScopeKind.Default);

    public static AuthScope Unscoped { get; } = new(ScopeKind.Unscoped);

    public static AuthScope WithoutRoles { get; } = new(ScopeKind.WithoutRoles);
}
