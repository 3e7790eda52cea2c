using System;
using System.Collections.Concurrent;
using System.Threading;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Collects log entries from the client's threads; the cmdlet drains it on the pipeline thread,
/// the only thread allowed to write to PowerShell's streams.
/// </summary>
internal sealed class PipelineRequestLog : IRequestLog
{
    // Set in the flow of one item of a bulk command, so that what its requests log is written with
    // that item, in input order, rather than whenever the pipeline thread next drains the log. It
    // takes what that flow logs to any log on purpose: a token renewal an item triggers in a shared
    // session (-Context) is written with that item too.
    private static readonly AsyncLocal<ItemLogSink?> ItemSink = new();

    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    /// <summary>Set by the cmdlet before each call: bodies are only read when -Debug output will show them.</summary>
    public bool WantsBodies { get; set; }

    /// <summary>
    /// Sends what is logged from here on in the calling async flow (one item's) to <paramref name="write"/>,
    /// until the returned sink is closed; after that it goes to the log it was added to, as elsewhere.
    /// </summary>
    public static ItemLogSink SendThisFlowTo(Action<RequestLogEntry> write) => ItemSink.Value = new ItemLogSink(write);

    public void Add(RequestLogEntry entry)
    {
        if (ItemSink.Value?.TryWrite(entry) != true)
        {
            _entries.Enqueue(entry);
        }
    }

    public bool TryTake(out RequestLogEntry entry) => _entries.TryDequeue(out entry!);
}

/// <summary>
/// Where one item's flow logs to, while the item runs. Closed when its work ends, so a callback that
/// captured the flow and logs later does not hand anything to an item that has already been written.
/// </summary>
internal sealed class ItemLogSink(Action<RequestLogEntry> write)
{
    private volatile Action<RequestLogEntry>? _write = write;

    public bool TryWrite(RequestLogEntry entry)
    {
        if (_write is not { } write)
        {
            return false;
        }

        write(entry);
        return true;
    }

    public void Close() => _write = null;
}
