using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// The JSON of <c>POST /_emulator/settings</c>: any subset of the limits, versions as "X.Y". The same
/// shape, complete, is the answer.
/// </summary>
internal sealed record SettingsDocument(string? MinVersion, string? MaxVersion, int? MaxLimit, int? Quota)
{
    public static SettingsDocument From(NovaLimits limits) =>
        new(limits.MinVersion.ToString(), limits.MaxVersion.ToString(), limits.MaxLimit, limits.Quota);

    /// <summary>The current limits with this document's values applied, or why they cannot be.</summary>
    public (NovaLimits? Limits, string? Problem) ApplyTo(NovaLimits current)
    {
        var min = current.MinVersion;
        var max = current.MaxVersion;
        if ((MinVersion is not null && !ApiVersion.TryParse(MinVersion, out min))
            || (MaxVersion is not null && !ApiVersion.TryParse(MaxVersion, out max)))
        {
            return (null, "minVersion and maxVersion must look like \"2.72\".");
        }

        var limits = new NovaLimits(min, max, MaxLimit ?? current.MaxLimit, Quota ?? current.Quota);
        return limits.Problem() is { } problem ? (null, problem) : (limits, null);
    }
}
