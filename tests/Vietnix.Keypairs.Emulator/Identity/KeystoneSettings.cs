namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// Keystone's <c>[token] expiration</c> for tokens issued by <c>POST /v3/auth/tokens</c>: the start-up value
/// (default 3600 s, Keystone's own default) until a test changes it, and again after a reset.
/// </summary>
internal sealed class KeystoneSettings(TimeSpan startupLifetime)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private long lifetimeTicks = startupLifetime.Ticks;

    public TimeSpan TokenLifetime => TimeSpan.FromTicks(Interlocked.Read(ref lifetimeTicks));

    public void SetTokenLifetime(TimeSpan lifetime) => Interlocked.Exchange(ref lifetimeTicks, lifetime.Ticks);

    public void Reset() => SetTokenLifetime(startupLifetime);
}
