namespace Vietnix.Keypairs.Client.Retries;

/// <summary>Why an attempt failed in a way that a later attempt may not.</summary>
internal enum RetryCause
{
    /// <summary>No answer: refused, reset or dropped connection, DNS failure.</summary>
    ConnectionFailure,

    /// <summary>No answer within the attempt's time limit.</summary>
    Timeout,

    /// <summary>429 Too Many Requests.</summary>
    Throttled,

    /// <summary>500, 502, 503 or 504.</summary>
    ServerError,
}
