using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// One item of a <see cref="BulkKeyPairCmdlet"/>, running as a task off the pipeline thread. It
/// never touches PowerShell itself: what it writes and asks is handed over, and the pipeline thread
/// carries it out in order when every item before this one is done.
/// </summary>
internal sealed class ItemScope
{
    private readonly VietnixCmdlet _cmdlet;
    private readonly ItemSignal _changed;
    private readonly bool _shouldProcessMayAsk;
    private readonly ConcurrentQueue<Action> _handedOver = new();
    private Task _work = Task.CompletedTask;
    private CancellationToken _cancellationToken;
    private LocalWork? _localWork;

    public ItemScope(VietnixCmdlet cmdlet, ItemSignal changed, bool shouldProcessMayAsk)
    {
        _cmdlet = cmdlet;
        _changed = changed;
        _shouldProcessMayAsk = shouldProcessMayAsk;
    }

    public bool IsDone => _work.IsCompleted;

    /// <summary>No call of this item failed (an item that only reports an error found earlier has not succeeded).</summary>
    public bool Succeeded { get; private set; } = true;

    /// <summary>Whether this is an item that ran, rather than what was found before an item started.</summary>
    public bool WasStarted { get; private set; }

    public void Start(Func<ItemScope, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        WasStarted = true;
        _cancellationToken = cancellationToken;
        _work = Task.Run(
            async () =>
            {
                var log = PipelineRequestLog.SendThisFlowTo(entry => HandOver(() => _cmdlet.WriteLogEntry(entry)));
                try
                {
                    await work(this, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    log.Close();
                }
            },
            CancellationToken.None);
        _work.ContinueWith(_ => _changed.Set(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for cancelled items to end, whatever their outcome.</summary>
    public static void WaitForAll(ItemScope[] items, TimeSpan timeout)
    {
        try
        {
            Task.WaitAll(Array.ConvertAll(items, item => item._work), timeout);
        }
        catch (AggregateException)
        {
            // Their failures and cancellations were the reason to stop; nobody reads them any more.
        }
    }

    /// <summary>Pipeline thread: carries out what the item handed over so far, in the order it did.</summary>
    public void RunHandedOver()
    {
        while (_handedOver.TryDequeue(out var action))
        {
            action();
        }
    }

    /// <summary>Pipeline thread, once the item is done: its unexpected failure, or Ctrl+C, ends the command.</summary>
    public void ThrowIfFailed(CancellationToken stopping)
    {
        try
        {
            _work.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    public void WriteObject(object value) => HandOver(() => _cmdlet.WriteObject(value));

    public void WriteError(ErrorRecord error)
    {
        Succeeded = false;
        HandOver(() => _cmdlet.WriteError(error));
    }

    public void WriteWarning(string text) => HandOver(() => _cmdlet.WriteWarning(text));

    public void WriteVerbose(string text) => HandOver(() => _cmdlet.WriteVerbose(text));

    public void Report(MappedError error)
    {
        Succeeded = false;
        HandOver(() => _cmdlet.Report(error));
    }

    /// <summary>The local work this item is doing (generating a key), for the command's progress bar; null when none.</summary>
    public LocalWork? CurrentLocalWork => Volatile.Read(ref _localWork);

    /// <summary>
    /// Local work that may take long, with this item's cancellation: Ctrl+C ends the wait at once
    /// (the work is abandoned, and must leave nothing behind on its own).
    /// </summary>
    public async Task<T> RunLocalWorkAsync<T>(Func<CancellationToken, Task<T>> start, string status)
    {
        Volatile.Write(ref _localWork, new LocalWork(status));
        try
        {
            return await start(_cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _localWork, null);
            _changed.Set();
        }
    }

    /// <summary>ShouldProcess that cannot prompt or report, called in this item's turn for its -Verbose line only.</summary>
    public void ShouldProcessInTurn(string target, string action) => HandOver(() => _cmdlet.ShouldProcess(target, action));

    /// <summary>
    /// ShouldProcess, asked on the pipeline thread when this item's turn has come. When it can
    /// neither prompt nor report (no -Confirm, no -WhatIf, an impact below $ConfirmPreference) its
    /// answer is yes, so the item goes on at once; the call (and its -Verbose line) still happens in turn.
    /// </summary>
    public Task<bool> ShouldProcessAsync(string target, string action)
    {
        if (!_shouldProcessMayAsk)
        {
            ShouldProcessInTurn(target, action);
            return Task.FromResult(true);
        }

        return OnPipelineThread(() => _cmdlet.ShouldProcess(target, action));
    }

    /// <summary>
    /// A client call of the session, run here; a failure is handed over as the command's error for
    /// <paramref name="target"/> (the same one a sequential call writes), and false is returned.
    /// </summary>
    public async Task<(bool Succeeded, T Result)> TryInvokeAsync<T>(VietnixSession session, Func<IComputeService, CancellationToken, Task<T>> call, object? target, string? failureNote = null)
    {
        try
        {
            var result = await call(session.Service, _cancellationToken).ConfigureAwait(false);
            HandOver(_cmdlet.NoteCallSucceeded);
            return (true, result);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && _cancellationToken.IsCancellationRequested) && ErrorMapper.TryMap(exception, target, out var error))
        {
            Succeeded = false;
            HandOver(() => _cmdlet.ReportCallFailure(error, target, terminateOnFailure: false, failureNote));
            return (false, default!);
        }
    }

    public async Task<bool> TryInvokeAsync(VietnixSession session, Func<IComputeService, CancellationToken, Task> call, object? target, string? failureNote = null) =>
        (await TryInvokeAsync(session, async (compute, cancellationToken) =>
        {
            await call(compute, cancellationToken).ConfigureAwait(false);
            return true;
        }, target, failureNote).ConfigureAwait(false)).Succeeded;

    private Task<T> OnPipelineThread<T>(Func<T> ask)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = _cancellationToken.Register(() => answer.TrySetCanceled(_cancellationToken));
        HandOver(() =>
        {
            registration.Dispose();
            try
            {
                answer.TrySetResult(ask());
            }
            catch (Exception exception)
            {
                // Thrown on the pipeline thread as well (a stopped pipeline, a terminating error).
                answer.TrySetException(exception);
                throw;
            }
        });
        return answer.Task;
    }

    private void HandOver(Action action)
    {
        _handedOver.Enqueue(action);
        _changed.Set();
    }
}

/// <summary>What an item is doing on this machine, and since when.</summary>
internal sealed class LocalWork(string status)
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public string Status { get; } = status;

    public TimeSpan Elapsed => _elapsed.Elapsed;
}

/// <summary>
/// Wakes the pipeline thread when an item hands something over or finishes. Not disposable, so an
/// item abandoned by Ctrl+C can still signal after the command is gone.
/// </summary>
internal sealed class ItemSignal
{
    private readonly object _gate = new();
    private bool _signalled;

    public void Set()
    {
        lock (_gate)
        {
            _signalled = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Returns when signalled since the last wait, or after <paramref name="timeout"/>.</summary>
    public void Wait(TimeSpan timeout)
    {
        lock (_gate)
        {
            if (!_signalled)
            {
                Monitor.Wait(_gate, timeout);
            }

            _signalled = false;
        }
    }
}
