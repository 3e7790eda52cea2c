using System;

namespace Vietnix.Keypairs.Client.Errors;

/// <summary>What one failed HTTP exchange told us.</summary>
public sealed class ApiErrorDetails
{
    public ApiErrorDetails(string method, string url, int statusCode, string? reasonPhrase, string? requestId, string? faultName, string? serverMessage, TimeSpan? retryAfter = null)
    {
        Method = method;
        Url = url;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        RequestId = requestId;
        FaultName = faultName;
        ServerMessage = serverMessage;
        RetryAfter = retryAfter;
    }

    public string Method { get; }

    public string Url { get; }

    public int StatusCode { get; }

    public string? ReasonPhrase { get; }

    public string? RequestId { get; }

    /// <summary>Nova's fault name (badRequest, itemNotFound, …) or "error" for Keystone's body shape.</summary>
    public string? FaultName { get; }

    public string? ServerMessage { get; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    public string Describe()
    {
        var what = string.IsNullOrWhiteSpace(ServerMessage) ? ReasonPhrase ?? "no explanation given" : ServerMessage!.Trim();
        var requestId = RequestId is null ? string.Empty : $", request id {RequestId}";
        var retryAfter = RetryAfter is { } wait
            ? $". The server asked to wait {Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)} s before trying again."
            : string.Empty;
        return $"{what} (HTTP {StatusCode} from {Method} {Url}{requestId}){retryAfter}";
    }
}
