using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// Sends JSON requests for the Nova and Keystone clients and turns every way an exchange can fail
/// into the client's exceptions: no answer, a timeout, an error status, an unexpected body.
/// </summary>
internal sealed class ApiTransport(HttpClient http, string serviceName, TimeSpan attemptTimeout)
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    public static HttpRequestMessage JsonRequest(HttpMethod method, Uri url, byte[]? body)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("application/json");

        // Some OpenStack front ends (uwsgi without a shim) lose chunked bodies and never answer
        // "100 Continue": send a known Content-Length and no Expect header.
        request.Headers.ExpectContinue = false;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
            request.Content.Headers.ContentLength = body.Length;
            RequestBodies.Remember(request, body);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VietnixTimeoutException(request.Method.Method, url, attemptTimeout, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new VietnixConnectionException(request.Method.Method, url, exception);
        }
    }

    public async Task EnsureStatusAsync(HttpResponseMessage response, HttpMethod method, Uri url, params int[] expected)
    {
        var status = (int)response.StatusCode;
        if (expected.Contains(status))
        {
            return;
        }

        if (response.IsSuccessStatusCode)
        {
            throw new VietnixProtocolException(
                $"{method} {url} answered {status} {response.ReasonPhrase}, but {serviceName} answers {string.Join(" or ", expected)}; a proxy may be in the way.",
                url.AbsoluteUri);
        }

        var body = response.Content is null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var (faultName, message) = ErrorBodyParser.Parse(body);

        // What the server says goes into the exception, and from there into $Error and logs:
        // never with a secret the request carried, nor with raw control characters.
        var secrets = ServerText.SecretsOf(response.RequestMessage);
        throw VietnixApiException.For(new ApiErrorDetails(
            method.Method,
            url.AbsoluteUri,
            status,
            ServerText.Clean(response.ReasonPhrase, secrets),
            ServerText.Clean(NovaHeaders.RequestId(response), secrets),
            ServerText.Clean(faultName, secrets),
            ServerText.Clean(message, secrets),
            RetryAfter(response)));
    }

    public async Task<T> ReadAsync<T>(HttpResponseMessage response, Uri url, JsonTypeInfo<T> shape)
        where T : class
    {
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, shape)
                ?? throw new VietnixProtocolException($"{url} answered with an empty JSON document.", url.AbsoluteUri);
        }
        catch (JsonException exception)
        {
            throw new VietnixProtocolException($"{url} answered with something that is not the JSON {serviceName} sends: {exception.Message}", url.AbsoluteUri, exception);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }
}
