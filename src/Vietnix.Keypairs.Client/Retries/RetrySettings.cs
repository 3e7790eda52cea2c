using System;

namespace Vietnix.Keypairs.Client.Retries;

/// <summary>
/// How a session retries requests that are harmless to repeat. The defaults follow the AWS SDKs'
/// standard mode: 3 attempts in all, full-jitter exponential backoff from 1 s capped at 20 s.
/// </summary>
internal sealed class RetrySettings
{
    public const int DefaultMaxRetries = 2;

    public static RetrySettings Default { get; } = new();

    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>The backoff before retry n is random(0..1) × BaseDelay × 2^(n−1), at most <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest Retry-After honoured. A server that asks for a longer wait gets no retry: the
    /// failure is reported at once with the wait it asked for, rather than blocking a runbook.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The size of the session's retry budget (AWS: 500 tokens, 5 per retry, 10 per retry after a timeout).</summary>
    public int BudgetCapacity { get; init; } = 500;
}
