using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>
/// A clock that records every wait instead of sleeping: the wait returns at once and moves the
/// clock on. With <see cref="HoldWaits"/> a wait lasts until its token is cancelled, to test Ctrl+C.
/// </summary>
internal sealed class FakeRetryClock : IRetryClock
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private long _ticks = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Waits => _waits.ToArray();

    public bool HoldWaits { get; set; }

    /// <summary>Completes when a held wait has started.</summary>
    public TaskCompletionSource<bool> WaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        _waits.Enqueue(delay);
        if (HoldWaits)
        {
            WaitStarted.TrySetResult(true);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        Interlocked.Add(ref _ticks, delay.Ticks);
    }

    /// <summary>A policy on this clock whose backoff is exactly its ceiling (jitter 1).</summary>
    public RetryPolicy Policy(int maxRetries = RetrySettings.DefaultMaxRetries, int budget = 500, double jitter = 1.0) =>
        new(new RetrySettings { MaxRetries = maxRetries, BudgetCapacity = budget }, this, () => jitter);
}
