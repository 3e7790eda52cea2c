using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Retries;

/// <summary>
/// Decides whether and when a failed attempt is tried again: within <see cref="RetrySettings.MaxRetries"/>,
/// after a full-jitter exponential backoff or the server's Retry-After, and only while the session's
/// <see cref="RetryBudget"/> can pay for it. One instance per session, shared by its Nova and Keystone clients.
/// </summary>
internal sealed class RetryPolicy
{
    private readonly IRetryClock _clock;
    private readonly Func<double> _jitter;

    /// <param name="jitter">A number in [0, 1) for each backoff; tests pass a fixed one.</param>
    public RetryPolicy(RetrySettings? settings = null, IRetryClock? clock = null, Func<double>? jitter = null)
    {
        Settings = settings ?? RetrySettings.Default;
        if (Settings.MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "MaxRetries cannot be negative.");
        }

        Budget = new RetryBudget(Settings.BudgetCapacity);
        _clock = clock ?? SystemRetryClock.Instance;
        _jitter = jitter ?? SharedRandom.NextDouble;
    }

    public RetrySettings Settings { get; }

    public RetryBudget Budget { get; }

    public IRetryClock Clock => _clock;

    /// <summary>
    /// After an attempt failed for <paramref name="cause"/>, with <paramref name="retriesMade"/> retries
    /// already made: wait and retry, or give up and say why.
    /// </summary>
    public RetryDecision Decide(int retriesMade, RetryCause cause, TimeSpan? retryAfter)
    {
        if (retriesMade >= Settings.MaxRetries)
        {
            return RetryDecision.GiveUp(Settings.MaxRetries == 0
                ? "retries are off (-MaxRetries 0)"
                : $"{retriesMade + 1} attempts made, the most this session allows (-MaxRetries {Settings.MaxRetries})");
        }

        if (retryAfter is { } asked && asked > Settings.MaxRetryAfter)
        {
            return RetryDecision.GiveUp(
                $"the server asked to wait {Seconds(asked)} s before trying again, longer than the {Seconds(Settings.MaxRetryAfter)} s this module waits",
                serverAskedToWait: asked);
        }

        if (!Budget.TryAcquire(RetryBudget.CostOf(cause)))
        {
            return RetryDecision.GiveUp("the session's retry budget is spent: too many requests failed recently, so failures are reported at once until requests succeed again");
        }

        var delay = retryAfter is { } wait ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : Backoff(retriesMade + 1);
        return RetryDecision.Wait(delay, RetryBudget.CostOf(cause), retryAfter is not null);
    }

    /// <summary>Full jitter: random(0..1) × base × 2^(retry−1), capped.</summary>
    public TimeSpan Backoff(int retry)
    {
        var ceiling = Settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(ceiling, Settings.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * _jitter());
    }

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => _clock.DelayAsync(delay, cancellationToken);

    /// <summary>A request succeeded after <paramref name="retryCostPaid"/> tokens of retries (0 for none): refill the budget.</summary>
    public void RecordSuccess(int retryCostPaid) => Budget.Release(retryCostPaid > 0 ? retryCostPaid : RetryBudget.SuccessRefund);

    /// <summary>What the status of an answer says about trying again: null when a retry would not help.</summary>
    public static RetryCause? CauseOf(int statusCode) => statusCode switch
    {
        429 => RetryCause.Throttled,
        502 or 503 or 504 => RetryCause.ServerError,
        _ => null,
    };

    /// <summary>The Retry-After header as a wait from now: delay-seconds or an HTTP date.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _clock.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);

    private static class SharedRandom
    {
        private static readonly Random Random = new();

        public static double NextDouble()
        {
            lock (Random)
            {
                return Random.NextDouble();
            }
        }
    }
}

/// <summary>Retry after <see cref="Delay"/>, or give up for <see cref="Reason"/>.</summary>
internal sealed class RetryDecision
{
    private RetryDecision(bool retry, TimeSpan delay, string? reason, int cost, bool fromRetryAfter, TimeSpan? serverAskedToWait)
    {
        ShouldRetry = retry;
        Delay = delay;
        Reason = reason;
        Cost = cost;
        FromRetryAfter = fromRetryAfter;
        ServerAskedToWait = serverAskedToWait;
    }

    public bool ShouldRetry { get; }

    public TimeSpan Delay { get; }

    /// <summary>Why there is no retry.</summary>
    public string? Reason { get; }

    /// <summary>What the retry took from the budget, given back if the request then succeeds.</summary>
    public int Cost { get; }

    /// <summary>The wait is the server's Retry-After rather than the backoff.</summary>
    public bool FromRetryAfter { get; }

    /// <summary>Set when the server's Retry-After was longer than the module waits.</summary>
    public TimeSpan? ServerAskedToWait { get; }

    internal static RetryDecision Wait(TimeSpan delay, int cost, bool fromRetryAfter) => new(true, delay, null, cost, fromRetryAfter, null);

    internal static RetryDecision GiveUp(string reason, TimeSpan? serverAskedToWait = null) => new(false, TimeSpan.Zero, reason, 0, false, serverAskedToWait);
}
