namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>A Keystone role as a token lists it: id and name.</summary>
internal sealed record KeystoneRole(string Id, string Name);
