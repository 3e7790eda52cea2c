using System;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Retries;

/// <summary>The time the retry policy reads (for Retry-After dates) and waits on; tests pass a fake one.</summary>
internal interface IRetryClock
{
    DateTimeOffset UtcNow { get; }

    /// <summary>Waits, and ends at once with OperationCanceledException when the token is cancelled (Ctrl+C).</summary>
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}

internal sealed class SystemRetryClock : IRetryClock
{
    public static readonly SystemRetryClock Instance = new();

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
}
