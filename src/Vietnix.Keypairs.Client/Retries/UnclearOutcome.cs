using System;
using Vietnix.Keypairs.Client.Errors;

namespace Vietnix.Keypairs.Client.Retries;

/// <summary>
/// A failure after which a create may or may not have taken effect: no answer after the request
/// went out, a timeout, 429, 500, 502, 503 or 504. The key pair must be read back before anything else.
/// </summary>
internal sealed class UnclearOutcome
{
    private UnclearOutcome(RetryCause cause, TimeSpan? retryAfter, string what)
    {
        Cause = cause;
        RetryAfter = retryAfter;
        What = what;
    }

    public RetryCause Cause { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>"no answer", "HTTP 503", for notes.</summary>
    public string What { get; }

    /// <summary>A 409 for a name that was free: a create whose answer was lost took effect after the read-back.</summary>
    public static UnclearOutcome LateCreate { get; } = new(RetryCause.ServerError, null, "HTTP 409 from an earlier create that took effect late");

    public static UnclearOutcome? Of(Exception exception) => exception switch
    {
        VietnixConnectionException { IsTlsFailure: false } => new(RetryCause.ConnectionFailure, null, "no answer"),
        VietnixTimeoutException => new(RetryCause.Timeout, null, "no answer in time"),
        VietnixRateLimitException e => new(RetryCause.Throttled, e.Details.RetryAfter, "HTTP 429"),
        VietnixServiceException { StatusCode: 500 or 502 or 503 or 504 } e => new(RetryCause.ServerError, e.Details.RetryAfter, $"HTTP {e.StatusCode}"),
        _ => null,
    };

    /// <summary>A failure to read back: the server is still out of reach, so the create's outcome stays unknown.</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is VietnixConnectionException or VietnixTimeoutException or VietnixServiceException or VietnixRateLimitException or VietnixProtocolException;
}
