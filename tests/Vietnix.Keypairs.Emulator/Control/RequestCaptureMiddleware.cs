using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// Reads every non-control request's body once (so the log and the Nova and Keystone handlers see the
/// same bytes) and records the request when its response starts, which is before the client can see the
/// response and query the log. Tokens in headers and the secrets of Keystone bodies are redacted.
/// </summary>
internal sealed class RequestCaptureMiddleware(RequestDelegate next, RequestLog log)
{
    private static readonly string[] RedactedHeaders = ["X-Auth-Token", "X-Storage-Token", "X-Subject-Token"];

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/_emulator", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        var request = http.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, http.RequestAborted);
        var chunked = request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var captured = new CapturedRequestBody(buffer.ToArray(), request.ContentLength, chunked);
        http.Features.Set(captured);

        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var body = request.Path.StartsWithSegments("/v3", StringComparison.Ordinal)
            ? KeystoneBodyRedaction.Redact(captured.Bytes)
            : Encoding.UTF8.GetString(captured.Bytes);
        var headers = request.Headers.ToDictionary(
            header => header.Key,
            header => RedactedHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase) ? "<redacted>" : header.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        RecordedRequest Record(int status, bool responseLost) => new(
            request.Method,
            queryStart < 0 ? target : target[..queryStart],
            queryStart < 0 ? "" : target[(queryStart + 1)..],
            headers,
            captured.ContentLength,
            captured.Chunked,
            body,
            status,
            responseLost);

        // Each request is recorded once: when its response starts, or, for a withheld response (which
        // never starts, though Kestrel still runs OnStarting for an aborted request when the handler
        // returns), just before LostResponse.Drop drops the connection.
        var recorded = 0;
        void RecordOnce(int status, bool responseLost)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                log.Add(Record(status, responseLost));
            }
        }

        http.Features.Set(new LostResponseRecorder(status => RecordOnce(status, responseLost: true)));
        http.Response.OnStarting(() =>
        {
            if (http.Features.Get<LostResponse>() is null)
            {
                RecordOnce(http.Response.StatusCode, responseLost: false);
            }

            return Task.CompletedTask;
        });

        await next(http);
    }
}

/// <summary>How <see cref="LostResponse.Drop"/> records a request before it drops the connection.</summary>
internal sealed class LostResponseRecorder(Action<int> record)
{
    public void Record(int status) => record(status);
}
