namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>The limits in force: the start-up values until a test changes them, and again after a reset.</summary>
internal sealed class NovaSettings
{
    private readonly NovaLimits startup;
    private NovaLimits current;

    public NovaSettings(NovaLimits startup)
    {
        this.startup = startup;
        current = startup;
    }

    public NovaLimits Current => Volatile.Read(ref current);

    public void Apply(NovaLimits limits) => Volatile.Write(ref current, limits);

    public void Reset() => Apply(startup);
}
