namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// An application credential: owned by a user, bound to one project and to the roles it was created
/// with, unrestricted false (Keystone's default) and without expiry.
/// </summary>
internal sealed record ApplicationCredential(
    string Id,
    string Name,
    string Secret,
    EmulatorUser User,
    KeystoneProject Project,
    IReadOnlyList<KeystoneRole> Roles);
