using System;
using System.Globalization;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// How hard a session tries: -MaxRetries and -TimeoutSec, given to Connect-VietnixAccount for the
/// runspace's session or to one command for its own calls. Null where not given.
/// </summary>
internal sealed class ConnectionTuning
{
    /// <summary>Scales the backoff (seconds, default 1), for tests and for clouds that recover slowly.</summary>
    public const string BaseDelayVariable = "VIETNIX_RETRY_BASE_DELAY";

    public static readonly ConnectionTuning None = new();

    public int? MaxRetries { get; init; }

    public int? TimeoutSec { get; init; }

    public bool IsEmpty => MaxRetries is null && TimeoutSec is null;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSec ?? ServiceClientOptions.DefaultTimeoutSeconds);

    /// <summary>These settings where given, the other's elsewhere.</summary>
    public ConnectionTuning Over(ConnectionTuning lower) => new()
    {
        MaxRetries = MaxRetries ?? lower.MaxRetries,
        TimeoutSec = TimeoutSec ?? lower.TimeoutSec,
    };

    public RetryPolicy CreatePolicy(Func<string, string?> environment) => new(new RetrySettings
    {
        MaxRetries = MaxRetries ?? RetrySettings.DefaultMaxRetries,
        BaseDelay = BaseDelay(environment(BaseDelayVariable)) ?? RetrySettings.Default.BaseDelay,
    });

    public override string ToString() =>
        $"up to {MaxRetries ?? RetrySettings.DefaultMaxRetries} retries, {TimeoutSec ?? ServiceClientOptions.DefaultTimeoutSeconds} s per attempt";

    private static TimeSpan? BaseDelay(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= 60
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
