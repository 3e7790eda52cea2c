using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

internal sealed class CollectingLog : IRequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

    public bool WantsBodies { get; init; } = true;

    public void Add(RequestLogEntry entry) => _entries.Enqueue(entry);

    /// <summary>Every text an entry exposes, for "never contains" checks.</summary>
    public static IEnumerable<string> Texts(RequestLogEntry entry) =>
        new[] { entry.Method, entry.Url, entry.Microversion, entry.ReasonPhrase, entry.RequestId, entry.RequestBody, entry.ResponseBody, entry.Failure, entry.Summary() }
            .Where(text => text is not null)
            .Select(text => text!);
}
