using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Vietnix.Keypairs.Emulator.Identity;
using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator;

/// <summary>
/// The command line: <c>--urls</c> (default http://127.0.0.1:0, a free loopback port), <c>--ready-file</c>,
/// the Nova limits <c>--min-version</c>, <c>--max-version</c>, <c>--max-limit</c>, <c>--quota</c> (defaults:
/// Zed's 2.1, 2.93, 1000, 100) and Keystone's <c>--token-lifetime</c> in seconds (default 3600).
/// </summary>
internal sealed record EmulatorOptions(string Urls, string? ReadyFile, NovaLimits Limits, TimeSpan TokenLifetime)
{
    /// <summary>--upstream: forward every request there (a fault proxy) instead of emulating Keystone and Nova.</summary>
    public Uri? Upstream { get; init; }

    /// <summary>--parent-pid: stop when this process ends.</summary>
    public int? ParentPid { get; init; }

    public static bool TryRead(IConfiguration configuration, [NotNullWhen(true)] out EmulatorOptions? options, [NotNullWhen(false)] out string? problem)
    {
        options = null;
        var defaults = NovaLimits.ZedDefaults;
        if (!TryVersion(configuration["min-version"], defaults.MinVersion, out var min)
            || !TryVersion(configuration["max-version"], defaults.MaxVersion, out var max))
        {
            problem = "--min-version and --max-version take a microversion such as 2.93.";
            return false;
        }

        if (!TryInteger(configuration["max-limit"], defaults.MaxLimit, out var maxLimit)
            || !TryInteger(configuration["quota"], defaults.Quota, out var quota))
        {
            problem = "--max-limit and --quota take whole numbers.";
            return false;
        }

        if (!TryInteger(configuration["token-lifetime"], (int)KeystoneSettings.DefaultLifetime.TotalSeconds, out var lifetime) || lifetime < 0)
        {
            problem = "--token-lifetime takes a number of seconds, 0 or more.";
            return false;
        }

        var limits = new NovaLimits(min, max, maxLimit, quota);
        problem = limits.Problem();
        if (problem is not null)
        {
            return false;
        }

        Uri? upstream = null;
        if (configuration["upstream"] is { } upstreamText && (!Uri.TryCreate(upstreamText, UriKind.Absolute, out upstream) || upstream.Scheme is not ("http" or "https")))
        {
            problem = "--upstream takes an http(s) URL.";
            return false;
        }

        int? parentPid = null;
        if (configuration["parent-pid"] is { } pidText)
        {
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                problem = "--parent-pid takes a process id.";
                return false;
            }

            parentPid = pid;
        }

        options = new EmulatorOptions(configuration["urls"] ?? "http://127.0.0.1:0", configuration["ready-file"], limits, TimeSpan.FromSeconds(lifetime))
        {
            Upstream = upstream,
            ParentPid = parentPid,
        };
        return true;
    }

    private static bool TryVersion(string? text, ApiVersion fallback, out ApiVersion version)
    {
        version = fallback;
        return text is null || ApiVersion.TryParse(text, out version);
    }

    private static bool TryInteger(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
