namespace Vietnix.Keypairs.Client;

/// <summary>The outcome of matching the requested microversion with what the server serves.</summary>
internal sealed class ApiVersionNegotiation
{
    public ApiVersionNegotiation(ApiVersionRequest requested, ComputeApiVersion negotiated, ComputeApiVersion? serverMinimum, ComputeApiVersion? serverMaximum, string? warning)
    {
        Requested = requested;
        Negotiated = negotiated;
        ServerMinimum = serverMinimum;
        ServerMaximum = serverMaximum;
        Warning = warning;
    }

    public ApiVersionRequest Requested { get; }

    /// <summary>The microversion every request of the session sends.</summary>
    public ComputeApiVersion Negotiated { get; }

    public ComputeApiVersion? ServerMinimum { get; }

    public ComputeApiVersion? ServerMaximum { get; }

    /// <summary>Set when the request could not be honoured as asked (clamped, or the range was unknown).</summary>
    public string? Warning { get; }

    /// <summary>What was settled, as -Verbose shows it.</summary>
    public string Summary() =>
        $"Using compute microversion {Negotiated} (asked for {Requested}; the server serves {ServerMinimum?.ToString() ?? "?"} to {ServerMaximum?.ToString() ?? "?"}).";

    /// <summary>
    /// Clamps <paramref name="requested"/> into [min, max]; "latest" takes max.
    /// </summary>
    public static ApiVersionNegotiation Negotiate(ApiVersionRequest requested, ComputeApiVersion minimum, ComputeApiVersion maximum)
    {
        if (requested.Specific is not { } wanted)
        {
            return new ApiVersionNegotiation(requested, maximum, minimum, maximum, null);
        }

        if (wanted > maximum)
        {
            return new ApiVersionNegotiation(requested, maximum, minimum, maximum,
                $"The server serves compute microversions {minimum} to {maximum}; using {maximum} instead of the requested {wanted}.");
        }

        if (wanted < minimum)
        {
            return new ApiVersionNegotiation(requested, minimum, minimum, maximum,
                $"The server serves compute microversions {minimum} to {maximum}; using {minimum} instead of the requested {wanted}.");
        }

        return new ApiVersionNegotiation(requested, wanted, minimum, maximum, null);
    }
}
