using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// The key pair commands that act on many piped items (import, remove, local create). Each item is
/// started as it arrives, as an async task on the session's one HttpClient, with up to
/// <see cref="ThrottleLimit"/> in flight. What an item writes is handed to the pipeline thread,
/// which writes it in input order: an item's output and errors come out as soon as every item
/// before it is done. With -ThrottleLimit 1 each item is finished before the next one starts.
/// </summary>
public abstract class BulkKeyPairCmdlet : KeyPairCmdlet
{
    /// <summary>As many requests at once as Nova's usual two API workers serve well, plus headroom.</summary>
    internal const int DefaultThrottleLimit = 4;

    private const int LocalWorkActivityId = 1;

    // How long a stopped command waits for its cancelled requests to end before it lets go of them.
    private static readonly TimeSpan AbandonedItemWait = TimeSpan.FromSeconds(5);

    private readonly Queue<ItemScope> _inFlight = new();
    private readonly ItemSignal _itemChanged = new();
    private bool _writingHandedOver;

    // Items go out together only while they succeed: the first item goes alone (it settles the
    // microversion and the token once), and after a failed one the next waits for everything
    // before it, so a refused token or an endpoint that is down stops the command before more
    // items are sent, as when they run one after the other. A note written in an item's place
    // (not an item) leaves this as it was.
    private bool _lastItemSucceeded;
    private bool? _stopsAtFirstError;
    private bool? _shouldProcessMayAsk;
    private bool? _progressCanBeSeen;
    private ProgressRecord? _progress;

    /// <summary>How many items may be in flight at once; 1 means strictly one after the other.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>
    /// Starts one item. What it may only do on the pipeline thread (write, ask ShouldProcess) it
    /// does through its <see cref="ItemScope"/>. The caller has already asked ShouldProcess if it
    /// must (or uses <see cref="StartItemIfConfirmed"/>), on the pipeline thread, so prompts come in
    /// input order and "Yes to All" lets the items after it run concurrently.
    /// </summary>
    internal void StartItem(Func<ItemScope, CancellationToken, Task> work) => StartItem(work, askedInTurn: null);

    /// <summary>
    /// Starts one item once ShouldProcess agrees. When ShouldProcess can prompt or report (-Confirm,
    /// -WhatIf, an impact at $ConfirmPreference) it is asked now, before anything is sent. Otherwise
    /// its answer is yes and it only writes -Verbose's "Performing the operation" line: then it is
    /// called in the item's turn, so that line comes out with the item's requests and result.
    /// </summary>
    internal void StartItemIfConfirmed(string target, string action, Func<ItemScope, CancellationToken, Task> work)
    {
        if (!ShouldProcessMayAsk)
        {
            StartItem(work, (target, action));
        }
        else if (ShouldProcess(target, action))
        {
            StartItem(work);
        }
    }

    private void StartItem(Func<ItemScope, CancellationToken, Task> work, (string Target, string Action)? askedInTurn)
    {
        var limit = _lastItemSucceeded && !StopsAtFirstError ? ThrottleLimit : 1;
        // Items that are done but wait for their turn to be written (and errors or notes found
        // before an item started) take no place: only running items count.
        while (_inFlight.Count(item => !item.IsDone) >= limit)
        {
            FinishHead(wait: true);
        }

        PrepareLog(Session.Log);
        var item = new ItemScope(this, _itemChanged, ShouldProcessMayAsk);
        if (askedInTurn is { } asked)
        {
            item.ShouldProcessInTurn(asked.Target, asked.Action);
        }

        item.Start(work, StoppingToken);
        _inFlight.Enqueue(item);
        WriteFinishedItems(wait: limit == 1);
    }

    // Read once on the pipeline thread, for the items that ask ShouldProcess from their own thread.
    private bool ShouldProcessMayAsk => _shouldProcessMayAsk ??= ShouldProcessCanPromptOrReport();

    // -ErrorAction Stop (or Inquire) given to this command asks it to end at the first failed item
    // with nothing after it sent: such a command goes one item at a time. $ErrorActionPreference =
    // 'Stop', which scripts and runbooks set for everything they run, keeps the items concurrent:
    // the command still ends at the first failed item in input order, with the output of the items
    // before it, and cancels the items after it that are in flight (they may have reached the server).
    private bool StopsAtFirstError => _stopsAtFirstError ??=
        MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)
        && LanguagePrimitives.TryConvertTo<ActionPreference>(given, out var bound)
        && bound is ActionPreference.Stop or ActionPreference.Inquire;

    /// <summary>
    /// An error found on the pipeline thread before its item was started (a file that cannot be
    /// read, a key that does not parse) waits for the items before it, so it comes out at its place.
    /// </summary>
    internal override void WriteItemError(ErrorRecord error) => WriteInTurn(() => base.WriteItemError(error), item => item.WriteError(error));

    /// <summary>A note about one item found on the pipeline thread; like an error, it comes out at its place.</summary>
    internal void WriteItemVerbose(string text) => WriteInTurn(() => WriteVerbose(text), item => item.WriteVerbose(text));

    private void WriteInTurn(Action writeNow, Action<ItemScope> handOver)
    {
        if (_inFlight.Count == 0 || _writingHandedOver)
        {
            writeNow();
            return;
        }

        var done = new ItemScope(this, _itemChanged, ShouldProcessMayAsk);
        handOver(done);
        _inFlight.Enqueue(done);
    }

    protected sealed override void ProcessRecord()
    {
        try
        {
            ProcessItems();
        }
        catch
        {
            CancelInFlight();
            throw;
        }
    }

    /// <summary>Writes what every item still in flight has to say, waiting for each in turn.</summary>
    protected sealed override void EndProcessing()
    {
        try
        {
            EndItems();
            WriteFinishedItems(wait: true);
        }
        catch
        {
            CancelInFlight();
            throw;
        }

        // Revokes a sign-in this command made for itself, once every item is done.
        base.EndProcessing();
    }

    /// <summary>The items of one pipeline record, started (or refused) in input order.</summary>
    protected abstract void ProcessItems();

    /// <summary>The last items, known only when the input has ended; they may be started here.</summary>
    protected virtual void EndItems()
    {
    }

    // Writes the leading items that are done; with wait, waits for all of them.
    private void WriteFinishedItems(bool wait)
    {
        while (_inFlight.Count > 0 && FinishHead(wait))
        {
        }
    }

    // Runs what the oldest item handed over, in order, on this (the pipeline) thread. True when it
    // is done and written. A terminating error or Ctrl+C cancels every item still in flight.
    private bool FinishHead(bool wait)
    {
        var head = _inFlight.Peek();
        try
        {
            while (true)
            {
                var done = head.IsDone;
                WriteSessionLog(Session);
                _writingHandedOver = true;
                try
                {
                    head.RunHandedOver();
                }
                finally
                {
                    _writingHandedOver = false;
                }

                if (done)
                {
                    break;
                }

                if (!wait)
                {
                    return false;
                }

                ShowLocalWorkProgress();
                _itemChanged.Wait(ProgressInterval);
            }

            _inFlight.Dequeue();
            ShowLocalWorkProgress();
            head.ThrowIfFailed(StoppingToken);
            if (head.WasStarted || !head.Succeeded)
            {
                _lastItemSucceeded = head.Succeeded;
            }
            return true;
        }
        catch
        {
            CancelInFlight();
            throw;
        }
    }

    // One progress bar, while the pipeline thread waits, for local work (key generation) that has
    // taken more than a second: the longest-running item, and how many more are at it. Only where a
    // person watches; it is completed when no such work is left.
    private void ShowLocalWorkProgress()
    {
        if (!(_progressCanBeSeen ??= ProgressCanBeSeen()))
        {
            return;
        }

        var slow = _inFlight.Select(item => item.CurrentLocalWork).OfType<LocalWork>().Where(work => work.Elapsed >= ProgressDelay).OrderByDescending(work => work.Elapsed).ToList();
        if (slow.Count == 0)
        {
            if (_progress is { } shown)
            {
                shown.RecordType = ProgressRecordType.Completed;
                WriteProgress(shown);
                _progress = null;
            }

            return;
        }

        _progress ??= new ProgressRecord(LocalWorkActivityId, MyInvocation.MyCommand.Name, slow[0].Status) { PercentComplete = -1 };
        _progress.StatusDescription = $"{slow[0].Status} ({slow[0].Elapsed.TotalSeconds:N0} s){(slow.Count > 1 ? $", and {slow.Count - 1} more" : string.Empty)}";
        WriteProgress(_progress);
    }

    /// <summary>
    /// A terminating error found on the pipeline thread (a pre-check, a listing) comes after what
    /// the items before it have to say, as it would one item after the other.
    /// </summary>
    internal override void BeforeTerminating()
    {
        if (!_writingHandedOver)
        {
            WriteFinishedItems(wait: true);
        }
    }

    // A command that failed or was stopped: its requests still in flight are cancelled before the
    // command lets go of its session and its cancellation source.
    protected override void Dispose(bool disposing)
    {
        if (disposing && _inFlight.Count > 0)
        {
            CancelInFlight();
        }

        base.Dispose(disposing);
    }

    // The items still queued are dropped unwritten; their requests are cancelled with the command's
    // token, and waited for (briefly: a cancelled request ends at once), so none runs on unseen.
    private void CancelInFlight()
    {
        CancelCommand();
        var abandoned = _inFlight.ToArray();
        _inFlight.Clear();
        ItemScope.WaitForAll(abandoned, AbandonedItemWait);
    }
}
