using System;
using System.Collections.Generic;
using System.Linq;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>One endpoint of a service in a token's catalog.</summary>
internal sealed class CatalogEndpoint(string serviceType, string @interface, string? region, string url)
{
    public string ServiceType { get; } = serviceType;

    /// <summary>public, internal or admin.</summary>
    public string Interface { get; } = @interface;

    public string? Region { get; } = region;

    public string Url { get; } = url;

    public override string ToString() => $"{Interface} in {Region ?? "no region"} ({Url})";
}

/// <summary>The service catalog Keystone returns with a project-scoped token.</summary>
internal sealed class ServiceCatalog(IReadOnlyList<CatalogEndpoint> endpoints)
{
    public const string DefaultInterface = "public";

    public IReadOnlyList<CatalogEndpoint> Endpoints { get; } = endpoints;

    /// <summary>
    /// The compute endpoint for <paramref name="interface"/> and, when given, <paramref name="region"/>;
    /// like gophercloud, the first match in catalog order. Throws with the endpoints that do exist,
    /// or when the match is not an absolute http(s) URL: the catalog is the server's word, checked
    /// here where it enters, as <see cref="SignInReader"/> checks the endpoints a user gives.
    /// </summary>
    public CatalogEndpoint SelectCompute(string? @interface, string? region)
    {
        var wanted = string.IsNullOrEmpty(@interface) ? DefaultInterface : NormaliseInterface(@interface!);
        var compute = Endpoints.Where(endpoint => endpoint.ServiceType == "compute").ToList();
        var match = compute.FirstOrDefault(endpoint =>
            string.Equals(endpoint.Interface, wanted, StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrEmpty(region) || string.Equals(endpoint.Region, region, StringComparison.Ordinal)));
        var where = string.IsNullOrEmpty(region) ? $"interface '{wanted}'" : $"interface '{wanted}' in region '{region}'";
        if (match is not null)
        {
            if (!Uri.TryCreate(match.Url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
            {
                throw new VietnixSignInException(SignInProblem.NoComputeEndpoint,
                    $"The service catalog's compute endpoint for {where} is '{ControlCharacters.Escape(match.Url)}', which is not an http(s) URL. Give the compute endpoint instead.");
            }

            return match;
        }

        throw new VietnixSignInException(SignInProblem.NoComputeEndpoint, compute.Count == 0
            ? $"The service catalog has no compute service (it lists: {string.Join(", ", Endpoints.Select(endpoint => endpoint.ServiceType).Distinct())}). Check that the project has compute, or give the compute endpoint."
            : $"The service catalog has no compute endpoint for {where}. It has: {string.Join("; ", compute)}.");
    }

    // keystoneauth accepts "publicURL" and friends from the Keystone v2 era.
    private static string NormaliseInterface(string value)
    {
        var lower = value.Trim().ToLowerInvariant();
        return lower.EndsWith("url", StringComparison.Ordinal) ? lower.Substring(0, lower.Length - 3) : lower;
    }
}
