using System.Linq;
using System.Net.Http;

namespace Vietnix.Keypairs.Client.Http;

internal static class NovaHeaders
{
    /// <summary>The current header: "OpenStack-API-Version: compute 2.72".</summary>
    public const string Microversion = "OpenStack-API-Version";

    /// <summary>The legacy header, still what the vendor's samples send: "X-OpenStack-Nova-API-Version: 2.72".</summary>
    public const string LegacyMicroversion = "X-OpenStack-Nova-API-Version";

    private static readonly string[] RequestIdHeaders = ["x-openstack-request-id", "x-compute-request-id"];

    public static void SetMicroversion(HttpRequestMessage request, ComputeApiVersion version)
    {
        request.Headers.TryAddWithoutValidation(Microversion, "compute " + version);
        request.Headers.TryAddWithoutValidation(LegacyMicroversion, version.ToString());
    }

    public static string? RequestId(HttpResponseMessage response) =>
        RequestIdHeaders
            .Select(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null)
            .FirstOrDefault(value => !string.IsNullOrEmpty(value));
}
