using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// The outermost handler. Every attempt gets its own time limit (the HttpClient has none), and
/// its body is read within it, so a server that stops sending cannot hang a command. Requests
/// that are harmless to repeat (GET, DELETE, and those marked repeatable, such as a Keystone
/// sign-in) are tried again after a connection failure, a timeout, 429, 502, 503 or 504, as the
/// <see cref="RetryPolicy"/> decides; each retry, and each retry not made, is one log note.
/// Creates are never repeated here: <see cref="KeyPairImporter"/> and <see cref="ServerKeyPairGenerator"/>
/// read back first.
/// </summary>
internal sealed class RetryHandler(RetryPolicy policy, TimeSpan attemptTimeout, IRequestLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var repeatable = RequestFlags.IsRepeatable(request);
        var replay = repeatable ? await BufferedCopy.CreateAsync(request).ConfigureAwait(false) : null;
        var description = $"{request.Method} {request.RequestUri?.AbsoluteUri}";
        var attempt = request;
        var retriesMade = 0;
        var costPaid = 0;
        var earlierAttemptUncertain = false;
        try
        {
            while (true)
            {
                HttpResponseMessage? response = null;
                Exception? failure = null;
                RetryCause cause;
                TimeSpan? retryAfter = null;
                string what;
                try
                {
                    response = await SendOnceAsync(attempt, cancellationToken).ConfigureAwait(false);
                    if (RetryPolicy.CauseOf((int)response.StatusCode) is not { } statusCause)
                    {
                        policy.RecordSuccess(costPaid);
                        Mark(response, attempt, earlierAttemptUncertain);
                        return response;
                    }

                    cause = statusCause;
                    retryAfter = policy.RetryAfter(response);
                    what = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
                }
                catch (HttpRequestException exception) when (!VietnixConnectionException.IsTls(exception))
                {
                    failure = exception;
                    cause = RetryCause.ConnectionFailure;
                    what = $"no answer ({exception.GetBaseException().Message})";
                }
                catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new VietnixTimeoutException(request.Method.Method, request.RequestUri?.AbsoluteUri ?? string.Empty, attemptTimeout, exception);
                    cause = RetryCause.Timeout;
                    what = $"no answer within {RetryPolicy.Seconds(attemptTimeout)} s";
                }

                if (!repeatable)
                {
                    return Finish(response, failure, attempt, earlierAttemptUncertain);
                }

                var decision = policy.Decide(retriesMade, cause, retryAfter);
                if (!decision.ShouldRetry)
                {
                    if (policy.Settings.MaxRetries > 0)
                    {
                        log.Add(RequestLogEntry.ForNote($"Not retrying {description} after {what}: {decision.Reason}."));
                    }

                    return Finish(response, failure, attempt, earlierAttemptUncertain);
                }

                retriesMade++;
                costPaid += decision.Cost;
                var source = decision.FromRetryAfter ? "as the server's Retry-After asks" : "backoff";
                log.Add(RequestLogEntry.ForNote(
                    $"Retrying {description} in {RetryPolicy.Seconds(decision.Delay)} s ({source}; retry {retriesMade} of {policy.Settings.MaxRetries}) after {what}."));

                // A dropped connection, a timeout, 502 and 504 may come after the server acted.
                earlierAttemptUncertain |= cause is RetryCause.ConnectionFailure or RetryCause.Timeout
                    || (response is not null && (int)response.StatusCode is 502 or 504);
                response?.Dispose();
                await policy.WaitAsync(decision.Delay, cancellationToken).ConfigureAwait(false);
                if (!ReferenceEquals(attempt, request))
                {
                    attempt.Dispose();
                }

                attempt = replay!.ToRequest();
                CopyProperties(request, attempt);
            }
        }
        catch when (!ReferenceEquals(attempt, request))
        {
            attempt.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(attemptTimeout);
        var response = await base.SendAsync(request, limit.Token).ConfigureAwait(false);
        if (response.Content is null)
        {
            return response;
        }

        // HttpClient would read the body after the handlers return, outside any time limit. The
        // innermost ResponseSizeLimitHandler has read it already, within this attempt's limit and
        // never past its cap (an answer over the cap ends there as a protocol error, which is not
        // retried), so this read only settles the buffer and never takes an unbounded body.
        try
        {
            using (limit.Token.Register(response.Dispose))
            {
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            }

            limit.Token.ThrowIfCancellationRequested();
            return response;
        }
        catch (Exception exception) when (limit.IsCancellationRequested && exception is not OperationCanceledException)
        {
            response.Dispose();
            throw new OperationCanceledException("The answer did not arrive in time.", exception, limit.Token);
        }
        catch (IOException exception)
        {
            // The connection broke in the middle of the body.
            response.Dispose();
            throw new HttpRequestException($"The connection broke while the answer was arriving: {exception.Message}", exception);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static HttpResponseMessage Finish(HttpResponseMessage? response, Exception? failure, HttpRequestMessage attempt, bool earlierAttemptUncertain)
    {
        if (response is not null)
        {
            Mark(response, attempt, earlierAttemptUncertain);
            return response;
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure!).Throw();
        throw failure!;
    }

    private static void Mark(HttpResponseMessage response, HttpRequestMessage attempt, bool earlierAttemptUncertain)
    {
        if (earlierAttemptUncertain)
        {
            RequestFlags.MarkEarlierAttemptUncertain(response.RequestMessage ?? attempt);
        }
    }

    private static void CopyProperties(HttpRequestMessage from, HttpRequestMessage to)
    {
        foreach (var property in from.Properties)
        {
            to.Properties[property.Key] = property.Value;
        }
    }
}
