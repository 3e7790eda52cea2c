using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>One request exactly as it reached the innermost handler, i.e. as it would go on the wire.</summary>
internal sealed class RecordedRequest
{
    private RecordedRequest(
        HttpMethod method,
        Uri uri,
        IReadOnlyDictionary<string, string[]> headers,
        IReadOnlyDictionary<string, string[]> contentHeaders,
        byte[]? body,
        long? contentLength,
        bool isChunked,
        bool expectContinue)
    {
        Method = method;
        Uri = uri;
        Headers = headers;
        ContentHeaders = contentHeaders;
        Body = body;
        ContentLength = contentLength;
        IsChunked = isChunked;
        ExpectContinue = expectContinue;
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The escaped form that goes on the wire.</summary>
    public string AbsoluteUri => Uri.AbsoluteUri;

    /// <summary>The string the client built the Uri from.</summary>
    public string OriginalString => Uri.OriginalString;

    public IReadOnlyDictionary<string, string[]> Headers { get; }

    public IReadOnlyDictionary<string, string[]> ContentHeaders { get; }

    public byte[]? Body { get; }

    public string? BodyText => Body is null ? null : Encoding.UTF8.GetString(Body);

    public long? ContentLength { get; }

    public bool IsChunked { get; }

    public bool ExpectContinue { get; }

    /// <summary>The request header's values joined by ", ", or null when it was not sent.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    public string? ContentHeader(string name) =>
        ContentHeaders.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    public static async Task<RecordedRequest> CaptureAsync(HttpRequestMessage request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        var contentHeaders = request.Content?.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
        return new RecordedRequest(
            request.Method,
            request.RequestUri ?? throw new InvalidOperationException("A request without a URI reached the network handler."),
            headers,
            contentHeaders,
            body,
            request.Content?.Headers.ContentLength,
            request.Headers.TransferEncodingChunked == true,
            request.Headers.ExpectContinue == true);
    }

    public override string ToString() => $"{Method} {AbsoluteUri}";
}
