namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>A Keystone user of the <c>Default</c> domain with its password (stored in clear: test data only).</summary>
internal sealed record EmulatorUser(string Id, string Name, string Password, KeystoneDomain Domain);
