using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// Reads every answer into memory up to <see cref="MaxResponseBytes"/> and no further, so a broken
/// or hostile server cannot make the module buffer hundreds of megabytes. Nova's list of 100 key
/// pairs is under 100 KB, and a Keystone token with a large catalog well under 1 MB.
/// </summary>
internal sealed class ResponseSizeLimitHandler : DelegatingHandler
{
    public const int MaxResponseBytes = 8 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is null)
        {
            return response;
        }

        try
        {
            // netstandard2.0 has no LoadIntoBufferAsync with a token: cancelling (Ctrl+C, the
            // timeout) disposes the response, which ends the read.
            using (cancellationToken.Register(response.Dispose))
            {
                await response.Content.LoadIntoBufferAsync(MaxResponseBytes).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return response;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch (HttpRequestException exception) when (IsOverTheLimit(response, exception))
        {
            response.Dispose();
            throw new VietnixProtocolException(
                $"{request.Method} {request.RequestUri} answered with more than {MaxResponseBytes / (1024 * 1024)} MiB, far more than any Nova or Keystone answer the module reads; it stopped reading. Check that the endpoint is the cloud's API and not something in the way.",
                request.RequestUri?.AbsoluteUri ?? string.Empty,
                exception);
        }
    }

    // Going over the limit is an HttpRequestException of its own; a connection lost while reading
    // is one that wraps the IOException, and stays a connection failure.
    private static bool IsOverTheLimit(HttpResponseMessage response, HttpRequestException exception) =>
        response.Content.Headers.ContentLength is > MaxResponseBytes || exception.InnerException is null;
}
