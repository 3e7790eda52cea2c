using System;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Completion;

/// <summary>
/// A value a completer reads from the network, kept for a short while. A completer waits for a
/// read at most a fraction of a second: a read that takes longer goes on in the background and
/// serves the next Tab, and meanwhile the last value (or nothing) is offered. One read at a time.
/// </summary>
internal sealed class CompletionCache<T>
    where T : class
{
    private readonly object _gate = new();
    private readonly TimeSpan _lifetime;
    private readonly Func<DateTimeOffset> _clock;
    private T? _value;
    private DateTimeOffset _readAt;
    private DateTimeOffset _startedAt;
    private Task<T>? _reading;

    public CompletionCache(TimeSpan lifetime, Func<DateTimeOffset>? clock = null)
    {
        _lifetime = lifetime;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The value while it is fresh; otherwise starts <paramref name="read"/> (unless a read is under
    /// way) and waits for it up to <paramref name="wait"/>. Null when there is nothing to offer yet.
    /// </summary>
    public T? Get(Func<Task<T>> read, TimeSpan wait)
    {
        Task<T> reading;
        lock (_gate)
        {
            if (_value is not null && _clock() - _readAt < _lifetime)
            {
                return _value;
            }

            reading = _reading ??= Start(read, _clock());
        }

        try
        {
            if (!reading.Wait(wait))
            {
                lock (_gate)
                {
                    return _value;
                }
            }
        }
        catch (AggregateException)
        {
            // A failed read offers what there was; the next Tab tries again.
        }

        // Settled here as well as in the read's continuation, which may not have run yet: the next
        // Get must see what this read found, not wait on the finished read again.
        Settle(reading);
        lock (_gate)
        {
            return reading.Status == TaskStatus.RanToCompletion ? reading.Result : _value;
        }
    }

    /// <summary>Drops the value, after a change the module made itself; a read under way is not kept either.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _value = null;
            _reading = null;
        }
    }

    private Task<T> Start(Func<Task<T>> read, DateTimeOffset startedAt)
    {
        var task = Task.Run(read);
        _startedAt = startedAt;
        task.ContinueWith(Settle, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    // Keeps what the read under way found, once, and only if Forget did not drop it meanwhile. The
    // value counts as read when the read started, so a slow read is not taken for fresher than it is.
    private void Settle(Task<T> finished)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(finished, _reading))
            {
                return;
            }

            if (finished.Status == TaskStatus.RanToCompletion)
            {
                _value = finished.Result;
                _readAt = _startedAt;
            }

            _reading = null;
        }
    }
}
