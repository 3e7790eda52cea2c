using System;

namespace Vietnix.Keypairs.Client.Retries;

/// <summary>
/// The session's retry quota, a token bucket as in the AWS SDKs' standard mode: a retry costs 5
/// tokens (10 after a timeout), a success without retries gives 1 back and a success after retries
/// gives back what they cost. During an outage the bucket empties and requests fail at their
/// first failure instead of multiplying the load. Thread-safe: commands may run items in parallel.
/// </summary>
internal sealed class RetryBudget
{
    public const int RetryCost = 5;
    public const int TimeoutRetryCost = 10;
    public const int SuccessRefund = 1;

    private readonly object _gate = new();
    private readonly int _capacity;
    private int _available;

    public RetryBudget(int capacity)
    {
        if (capacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "The retry budget cannot be negative.");
        }

        _capacity = capacity;
        _available = capacity;
    }

    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    public static int CostOf(RetryCause cause) => cause == RetryCause.Timeout ? TimeoutRetryCost : RetryCost;

    /// <summary>Takes the cost of one retry, or returns false (taking nothing) when the budget cannot pay it.</summary>
    public bool TryAcquire(int cost)
    {
        lock (_gate)
        {
            if (_available < cost)
            {
                return false;
            }

            _available -= cost;
            return true;
        }
    }

    public void Release(int amount)
    {
        lock (_gate)
        {
            _available = Math.Min(_capacity, _available + amount);
        }
    }
}
