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
    private Task<T>? _reading;
    private int _generation;

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

            reading = _reading ??= Start(read, _generation);
        }

        try
        {
            if (reading.Wait(wait))
            {
                return reading.Result;
            }
        }
        catch (AggregateException)
        {
            // A failed read offers what there was; the next Tab tries again.
        }

        lock (_gate)
        {
            return _value;
        }
    }

    /// <summary>Drops the value, after a change the module made itself; a read under way is not kept either.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _value = null;
            _reading = null;
            _generation++;
        }
    }

    private Task<T> Start(Func<Task<T>> read, int generation)
    {
        var task = Task.Run(read);
        task.ContinueWith(
            finished =>
            {
                lock (_gate)
                {
                    if (generation != _generation)
                    {
                        return;
                    }

                    if (finished.Status == TaskStatus.RanToCompletion)
                    {
                        _value = finished.Result;
                        _readAt = _clock();
                    }

                    _reading = null;
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }
}
