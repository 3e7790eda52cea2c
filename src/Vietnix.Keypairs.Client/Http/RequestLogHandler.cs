using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// Reports every exchange (method, URL, microversion, status, request id, duration and, when the
/// log wants them, redacted bodies) to an <see cref="IRequestLog"/>. It is the outermost handler,
/// so it sees the request before the token is added.
/// </summary>
internal sealed class RequestLogHandler(IRequestLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var withBodies = log.WantsBodies;
        var requestBody = withBodies && request.Content is not null ? await request.Content.ReadAsStringAsync().ConfigureAwait(false) : null;
        var microversion = HeaderValue(request.Headers, NovaHeaders.LegacyMicroversion);
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            log.Add(new RequestLogEntry(request.Method.Method, request.RequestUri?.AbsoluteUri ?? string.Empty, clock.Elapsed)
            {
                Microversion = microversion,
                RequestBody = SecretRedactor.Redact(requestBody),
                Failure = exception is OperationCanceledException ? "cancelled or timed out" : exception.GetBaseException().Message,
            });
            throw;
        }

        string? responseBody = null;
        if (withBodies && response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            responseBody = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }

        log.Add(new RequestLogEntry(request.Method.Method, request.RequestUri?.AbsoluteUri ?? string.Empty, clock.Elapsed)
        {
            Microversion = microversion,
            StatusCode = (int)response.StatusCode,
            ReasonPhrase = response.ReasonPhrase,
            RequestId = NovaHeaders.RequestId(response),
            RequestBody = SecretRedactor.Redact(requestBody),
            ResponseBody = SecretRedactor.Redact(responseBody),
        });
        return response;
    }

    private static string? HeaderValue(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
