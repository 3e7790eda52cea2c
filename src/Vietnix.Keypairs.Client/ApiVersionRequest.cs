using System;

namespace Vietnix.Keypairs.Client;

/// <summary>What the user asked for: a specific microversion, or the server's newest ("latest").</summary>
public sealed class ApiVersionRequest
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

        if (ComputeApiVersion.TryParse(text, out var version) && version >= ComputeApiVersion.V2_1)
        {
            request = new ApiVersionRequest(version);
            return true;
        }

        return false;
    }

    public override string ToString() => Specific?.ToString() ?? "latest";
}
