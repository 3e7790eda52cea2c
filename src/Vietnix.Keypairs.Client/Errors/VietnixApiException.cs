using System;

namespace Vietnix.Keypairs.Client.Errors;

/// <summary>
/// An HTTP error answer from Nova or Keystone. Keeps what a user needs to act on it or to quote it
/// to the provider's support: status, the server's own message, the request id and the URL.
/// </summary>
public class VietnixApiException : Exception
{
    public VietnixApiException(ApiErrorDetails details, Exception? innerException = null)
        : base(details.Describe(), innerException)
    {
        Details = details;
    }

    public ApiErrorDetails Details { get; }

    public int StatusCode => Details.StatusCode;

    public string? RequestId => Details.RequestId;

    public string Url => Details.Url;

    public string Method => Details.Method;

    /// <summary>The server's own explanation, e.g. "Key pair 'k' already exists."</summary>
    public string? ServerMessage => Details.ServerMessage;

    /// <summary>Creates the exception type that matches the status code.</summary>
    public static VietnixApiException For(ApiErrorDetails details) => details.StatusCode switch
    {
        400 => new VietnixBadRequestException(details),
        401 => new VietnixAuthenticationException(details),
        403 => new VietnixForbiddenException(details),
        404 => new VietnixNotFoundException(details),
        406 => new VietnixMicroversionException(details),
        409 => new VietnixConflictException(details),
        413 => new VietnixRequestTooLargeException(details),
        429 => new VietnixRateLimitException(details),
        >= 500 => new VietnixServiceException(details),
        _ => new VietnixApiException(details),
    };
}

/// <summary>400: the server refused the request's content (name, key material, body, marker).</summary>
public sealed class VietnixBadRequestException(ApiErrorDetails details) : VietnixApiException(details);

/// <summary>401: the token is missing, wrong or expired.</summary>
public sealed class VietnixAuthenticationException(ApiErrorDetails details) : VietnixApiException(details);

/// <summary>403: policy forbids the action, or the key pair quota is used up.</summary>
public sealed class VietnixForbiddenException(ApiErrorDetails details) : VietnixApiException(details)
{
    /// <summary>Nova reports an exhausted key pair quota as a 403 with this text (nova/exception.py KeypairLimitExceeded).</summary>
    public bool IsQuotaExceeded =>
        ServerMessage?.IndexOf("Quota exceeded", StringComparison.OrdinalIgnoreCase) >= 0;
}

/// <summary>404: no key pair of that name for that user.</summary>
public sealed class VietnixNotFoundException(ApiErrorDetails details) : VietnixApiException(details);

/// <summary>406: the server does not serve the requested microversion.</summary>
public sealed class VietnixMicroversionException(ApiErrorDetails details) : VietnixApiException(details);

/// <summary>409: a key pair of that name already exists for that user.</summary>
public sealed class VietnixConflictException(ApiErrorDetails details) : VietnixApiException(details);

/// <summary>413: the body is larger than the server's request size limit (oslo.middleware's, or a proxy's).</summary>
public sealed class VietnixRequestTooLargeException(ApiErrorDetails details) : VietnixApiException(details);

/// <summary>429 from a rate-limiting front end; Nova itself no longer rate-limits.</summary>
public sealed class VietnixRateLimitException(ApiErrorDetails details) : VietnixApiException(details);

/// <summary>5xx: the service failed or is unavailable.</summary>
public sealed class VietnixServiceException(ApiErrorDetails details) : VietnixApiException(details);
