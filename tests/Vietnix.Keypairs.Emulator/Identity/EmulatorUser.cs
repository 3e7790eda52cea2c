namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>A Keystone user with its default project and the role names it holds there.</summary>
internal sealed record EmulatorUser(string Name, string Id, string ProjectId, IReadOnlyList<string> Roles)
{
    /// <summary>A user with fresh Keystone-style ids (32 lower-case hex digits) for itself and its project.</summary>
    public static EmulatorUser Create(string name, params string[] roles) =>
        new(name, KeystoneIds.NewId(), KeystoneIds.NewId(), roles);
}
