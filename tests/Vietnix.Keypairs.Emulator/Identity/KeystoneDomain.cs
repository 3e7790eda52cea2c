namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>A Keystone domain. The reference stack has only the one every deployment starts with.</summary>
internal sealed record KeystoneDomain(string Id, string Name)
{
    public static KeystoneDomain Default { get; } = new("default", "Default");
}
