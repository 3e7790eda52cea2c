namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// The emulator's time: the system clock moved by an offset that a test sets. With Keystone an hour
/// behind, the tokens it issues now are valid to the emulator but already expired to a client on
/// the real clock, so a test sees expiry without waiting for it.
/// </summary>
internal sealed class EmulatorClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref offsetTicks, offset.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
