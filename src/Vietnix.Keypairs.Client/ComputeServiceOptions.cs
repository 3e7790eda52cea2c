using System;

namespace Vietnix.Keypairs.Client;

/// <summary>Where and how to reach the compute API (Nova).</summary>
internal sealed class ComputeServiceOptions : ServiceClientOptions
{
    /// <summary>Vietnix Cloud's compute endpoint; {0} is the project id.</summary>
    public const string VietnixEndpointTemplate = "https://api.vietnix.cloud:8774/v2.1/{0}";

    /// <param name="endpoint">
    /// An absolute http(s) URL, checked where it entered: by <see cref="Identity.SignInReader"/> when
    /// a user gave it, by <see cref="Identity.ServiceCatalog.SelectCompute"/> when the catalog did.
    /// </param>
    public ComputeServiceOptions(Uri endpoint) => Endpoint = endpoint;

    /// <summary>The compute endpoint as the catalog gives it, e.g. https://api.vietnix.cloud:8774/v2.1/{project_id}.</summary>
    public Uri Endpoint { get; }

    public ApiVersionRequest ApiVersion { get; init; } = ApiVersionRequest.Default;

    public static Uri VietnixEndpointFor(string projectId)
    {
        if (string.IsNullOrWhiteSpace(projectId))
        {
            throw new ArgumentException("A project id is needed to build the Vietnix compute endpoint.", nameof(projectId));
        }

        return new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, VietnixEndpointTemplate, Uri.EscapeDataString(projectId.Trim())));
    }
}
