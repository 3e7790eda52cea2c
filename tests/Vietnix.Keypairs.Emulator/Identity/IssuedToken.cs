namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// A token as Keystone knows it and keystonemiddleware hands it to Nova: owner, project (null when
/// unscoped), roles, the methods that obtained it, times, audit ids (its own first, then the one of the
/// token it was rescoped from) and the application credential it came from, if any.
/// </summary>
internal sealed record IssuedToken(
    string Value,
    EmulatorUser User,
    KeystoneProject? Project,
    IReadOnlyList<KeystoneRole> Roles,
    IReadOnlyList<string> Methods,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> AuditIds,
    ApplicationCredential? Credential)
{
    public string? ProjectId => Project?.Id;

    /// <summary>Nova's <c>context_is_admin</c> rule and Keystone's <c>admin_required</c> are <c>role:admin</c> (oslo.policy compares roles case-insensitively).</summary>
    public bool IsAdmin => Roles.Any(role => string.Equals(role.Name, "admin", StringComparison.OrdinalIgnoreCase));

    /// <summary>Keystone's token.parent_audit_id or token.audit_id: what a token rescoped from this one chains to.</summary>
    public string ChainAuditId => AuditIds[^1];
}
