using System;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// One HTTP exchange, as a user may see it in -Verbose/-Debug output. It never holds a token or a
/// private key: bodies are redacted before they get here.
/// </summary>
internal sealed class RequestLogEntry
{
    public RequestLogEntry(string method, string url, TimeSpan elapsed)
    {
        Method = method;
        Url = url;
        Elapsed = elapsed;
    }

    public string Method { get; }

    public string Url { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>The microversion header sent, if any.</summary>
    public string? Microversion { get; init; }

    public int? StatusCode { get; init; }

    public string? ReasonPhrase { get; init; }

    public string? RequestId { get; init; }

    /// <summary>The request body with secrets replaced.</summary>
    public string? RequestBody { get; init; }

    /// <summary>The response body with secrets replaced.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>Why no answer came, when none did.</summary>
    public string? Failure { get; init; }

    /// <summary>Not an exchange but what the client decided about one (a retry, a read-back); then Summary() is this text.</summary>
    public string? Note { get; init; }

    public static RequestLogEntry ForNote(string note) => new(string.Empty, string.Empty, TimeSpan.Zero) { Note = note };

    public string Summary()
    {
        if (Note is not null)
        {
            return Note;
        }

        var microversion = Microversion is null ? string.Empty : $" [compute {Microversion}]";
        var outcome = StatusCode is { } status
            ? $"{status} {ReasonPhrase}".TrimEnd()
            : $"no answer: {Failure}";
        var requestId = RequestId is null ? string.Empty : $", request id {RequestId}";
        return $"{Method} {Url}{microversion} -> {outcome} in {Elapsed.TotalMilliseconds:0} ms{requestId}";
    }
}

/// <summary>Receives log entries, possibly from thread-pool threads.</summary>
internal interface IRequestLog
{
    /// <summary>
    /// Whether entries should carry the (redacted) bodies. Reading and redacting every body costs
    /// time on each call and briefly holds unredacted secrets in memory, so it is done only for a
    /// reader that will show them.
    /// </summary>
    bool WantsBodies { get; }

    void Add(RequestLogEntry entry);
}
