namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>A project-scoped token as keystonemiddleware hands it to Nova: owner, project, roles, expiry.</summary>
internal sealed record IssuedToken(string Value, EmulatorUser User, string ProjectId, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt)
{
    /// <summary>Nova's <c>context_is_admin</c> rule is <c>role:admin</c> (oslo.policy compares roles case-insensitively).</summary>
    public bool IsAdmin => Roles.Contains("admin", StringComparer.OrdinalIgnoreCase);
}
