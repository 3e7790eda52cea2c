namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// What a successful authentication grants, before the token exists: the user, the project (null for an
/// unscoped token), the roles there, the methods that proved the identity, the expiry inherited from a
/// rescoped token (null: a fresh lifetime), the audit id of the token it was rescoped from, and the
/// application credential used.
/// </summary>
internal sealed record TokenGrant(
    EmulatorUser User,
    KeystoneProject? Project,
    IReadOnlyList<KeystoneRole> Roles,
    IReadOnlyList<string> Methods,
    DateTimeOffset? InheritedExpiry,
    string? ParentAuditId,
    ApplicationCredential? Credential);
