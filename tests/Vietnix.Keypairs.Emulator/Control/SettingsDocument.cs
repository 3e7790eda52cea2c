using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// The JSON of <c>POST /_emulator/settings</c>: any subset of the Nova limits (versions as "X.Y") and the
/// Keystone token lifetime in seconds. The same shape, complete, is the answer.
/// </summary>
internal sealed record SettingsDocument(string? MinVersion, string? MaxVersion, int? MaxLimit, int? Quota, int? TokenLifetimeSeconds)
{
    public static SettingsDocument From(NovaLimits limits, TimeSpan tokenLifetime) =>
        new(limits.MinVersion.ToString(), limits.MaxVersion.ToString(), limits.MaxLimit, limits.Quota, (int)tokenLifetime.TotalSeconds);

    /// <summary>The current settings with this document's values applied, or why they cannot be.</summary>
    public (NovaLimits? Limits, TimeSpan TokenLifetime, string? Problem) ApplyTo(NovaLimits current, TimeSpan currentLifetime)
    {
        var min = current.MinVersion;
        var max = current.MaxVersion;
        if ((MinVersion is not null && !ApiVersion.TryParse(MinVersion, out min))
            || (MaxVersion is not null && !ApiVersion.TryParse(MaxVersion, out max)))
        {
            return (null, currentLifetime, "minVersion and maxVersion must look like \"2.72\".");
        }

        // Keystone's [token] expiration has min=0; with 0 every new token is expired at once.
        if (TokenLifetimeSeconds < 0)
        {
            return (null, currentLifetime, "tokenLifetimeSeconds must be 0 or more.");
        }

        var limits = new NovaLimits(min, max, MaxLimit ?? current.MaxLimit, Quota ?? current.Quota);
        var lifetime = TokenLifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : currentLifetime;
        return limits.Problem() is { } problem ? (null, lifetime, problem) : (limits, lifetime, null);
    }
}
