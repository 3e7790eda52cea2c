using System;

namespace Vietnix.Keypairs.Client.Errors;

/// <summary>The request did not get an HTTP answer: DNS, refused connection, TLS failure or a reset.</summary>
public sealed class VietnixConnectionException(string method, string url, Exception innerException)
    : Exception($"Could not reach {url} ({method}): {Innermost(innerException).Message}", innerException)
{
    public string Method { get; } = method;

    public string Url { get; } = url;

    /// <summary>TLS failed (an untrusted or mismatched certificate): no retry and no next item can get past it.</summary>
    public bool IsTlsFailure => IsTls(InnerException);

    internal static bool IsTls(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}

/// <summary>The server did not answer within the client's timeout.</summary>
public sealed class VietnixTimeoutException(string method, string url, TimeSpan timeout, Exception innerException)
    : Exception($"{method} {url} got no answer within {timeout.TotalSeconds:0.#} s.", innerException)
{
    public string Method { get; } = method;

    public string Url { get; } = url;
}

/// <summary>The server answered with something the API does not define (not JSON, a missing envelope, paging that does not advance).</summary>
public sealed class VietnixProtocolException(string message, string url, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Url { get; } = url;
}
