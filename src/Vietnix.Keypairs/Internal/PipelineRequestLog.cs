using System.Collections.Concurrent;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Collects log entries from the client's threads; the cmdlet drains it on the pipeline thread,
/// the only thread allowed to write to PowerShell's streams.
/// </summary>
internal sealed class PipelineRequestLog : IRequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    /// <summary>Set by the cmdlet before each call: bodies are only read when -Debug output will show them.</summary>
    public bool WantsBodies { get; set; }

    public void Add(RequestLogEntry entry) => _entries.Enqueue(entry);

    public bool TryTake(out RequestLogEntry entry) => _entries.TryDequeue(out entry!);
}
