namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>A Keystone project; its id is 32 lower-case hex digits, new on every start.</summary>
internal sealed record KeystoneProject(string Id, string Name, KeystoneDomain Domain);
