using System;

namespace Vietnix.Keypairs.Client;

/// <summary>What the user asked for: a specific microversion, or the server's newest ("latest").</summary>
internal sealed class ApiVersionRequest
{
    private ApiVersionRequest(ComputeApiVersion? specific) => Specific = specific;

    /// <summary>The requested version, or null for "latest".</summary>
    public ComputeApiVersion? Specific { get; }

    public static ApiVersionRequest Latest { get; } = new(null);

    public static ApiVersionRequest Default { get; } = new(ComputeApiVersion.Default);

    public static ApiVersionRequest For(ComputeApiVersion version) => new(version);

    public static bool TryParse(string? text, out ApiVersionRequest request)
    {
        request = Default;
        if (text is not null && text.Trim().Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            request = Latest;
            return true;
        }

        // Nova's API has one major version, 2: a request for 3.0 is a mistake to report, not a
        // number to clamp to the newest 2.x the server serves.
        if (ComputeApiVersion.TryParse(text, out var version) && version.Major == 2 && version >= ComputeApiVersion.V2_1)
        {
            request = new ApiVersionRequest(version);
            return true;
        }

        return false;
    }

    /// <summary>Why <paramref name="text"/> is not a microversion to ask for, in words for the user.</summary>
    public static string ProblemWith(string text) =>
        ComputeApiVersion.TryParse(text, out var version) && version.Major != 2
            ? $"'{text}' asks for major version {version.Major} of the compute API, and Nova has only major version 2: its microversions run from 2.1 up (2.72, 2.92, …). Use a version such as 2.72, or 'latest' for the newest the server serves."
            : $"'{text}' is not a compute microversion. Use a version such as 2.72 (at least 2.1), or 'latest' for the newest the server serves.";

    public override string ToString() => Specific?.ToString() ?? "latest";
}
