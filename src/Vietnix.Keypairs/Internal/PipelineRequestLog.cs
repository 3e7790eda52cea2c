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
    // that item, in input order, rather than whenever the pipeline thread next drains the log.
    private static readonly AsyncLocal<Action<RequestLogEntry>?> ItemSink = new();

    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    /// <summary>Set by the cmdlet before each call: bodies are only read when -Debug output will show them.</summary>
    public bool WantsBodies { get; set; }

    /// <summary>Sends what is logged from here on in the calling async flow (one item's) to <paramref name="sink"/>.</summary>
    public static void SendThisFlowTo(Action<RequestLogEntry> sink) => ItemSink.Value = sink;

    public void Add(RequestLogEntry entry)
    {
        if (ItemSink.Value is { } sink)
        {
            sink(entry);
        }
        else
        {
            _entries.Enqueue(entry);
        }
    }

    public bool TryTake(out RequestLogEntry entry) => _entries.TryDequeue(out entry!);
}
