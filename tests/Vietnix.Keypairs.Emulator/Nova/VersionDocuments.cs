using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// Nova's version discovery documents (compute/versions.py): the list at <c>GET /</c> and the v2.1
/// document at <c>GET /v2.1/</c>. Links are built from the request's host, as webob's application_url is.
/// </summary>
internal static class VersionDocuments
{
    public static JsonObject List(string hostUrl, NovaLimits limits) => new()
    {
        ["versions"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "v2.0",
                ["status"] = "SUPPORTED",
                ["version"] = "",
                ["min_version"] = "",
                ["updated"] = "2011-01-21T11:33:21Z",
                ["links"] = new JsonArray(SelfLink(hostUrl + "/v2/")),
            },
            new JsonObject
            {
                ["id"] = "v2.1",
                ["status"] = "CURRENT",
                ["version"] = limits.MaxVersion.ToString(),
                ["min_version"] = limits.MinVersion.ToString(),
                ["updated"] = "2013-07-23T11:33:21Z",
                ["links"] = new JsonArray(SelfLink(hostUrl + "/v2.1/")),
            }),
    };

    public static JsonObject Current(string hostUrl, NovaLimits limits) => new()
    {
        ["version"] = new JsonObject
        {
            ["id"] = "v2.1",
            ["status"] = "CURRENT",
            ["version"] = limits.MaxVersion.ToString(),
            ["min_version"] = limits.MinVersion.ToString(),
            ["updated"] = "2013-07-23T11:33:21Z",
            ["links"] = new JsonArray(
                SelfLink(hostUrl + "/v2.1/"),
                new JsonObject { ["rel"] = "describedby", ["type"] = "text/html", ["href"] = "http://docs.openstack.org/" }),
            ["media-types"] = new JsonArray(new JsonObject
            {
                ["base"] = "application/json",
                ["type"] = "application/vnd.openstack.compute+json;version=2.1",
            }),
        },
    };

    private static JsonObject SelfLink(string href) => new() { ["rel"] = "self", ["href"] = href };
}
