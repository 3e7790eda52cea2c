namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// One issued token as <c>GET /_emulator/tokens</c> lists it: whose it is, for which project (null when
/// unscoped), how it was obtained, until when (Keystone's format) and whether revoked; its id only on request.
/// </summary>
internal sealed record TokenSummary(string UserName, string? ProjectName, IReadOnlyList<string> Methods, string ExpiresAt, bool Revoked)
{
    /// <summary>Only with ?includeValues=true: a leak test must know every token to search output for it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; init; }
}
