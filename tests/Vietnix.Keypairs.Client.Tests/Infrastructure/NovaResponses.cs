using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>Builds responses the way Nova (or a proxy in front of it) sends them.</summary>
internal static class NovaResponses
{
    public const string RequestId = "req-3f6b2c1e-9d0a-4c55-8f2e-5a1b7c9d0e11";

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        Build(status, new StringContent(json, Encoding.UTF8, "application/json"), headers);

    public static HttpResponseMessage Fixture(HttpStatusCode status, string relativePath, params (string Name, string Value)[] headers) =>
        Json(status, Fixtures.ReadText(relativePath), headers);

    public static HttpResponseMessage Text(HttpStatusCode status, string text, string mediaType, params (string Name, string Value)[] headers) =>
        Build(status, new StringContent(text, Encoding.UTF8, mediaType), headers);

    /// <summary>No body, as Nova answers a delete.</summary>
    public static HttpResponseMessage Empty(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        Build(status, new ByteArrayContent([]), headers);

    /// <summary>GET /v2.1/ as Nova answers it.</summary>
    public static string VersionDocument(string maximum, string minimum) =>
        new JsonObject
        {
            ["version"] = new JsonObject
            {
                ["id"] = "v2.1",
                ["status"] = "CURRENT",
                ["version"] = maximum,
                ["min_version"] = minimum,
                ["updated"] = "2013-07-23T11:33:21Z",
            },
        }.ToJsonString();

    /// <summary>A Nova fault body: {"badRequest": {"code": 400, "message": "…"}}.</summary>
    public static string Fault(string faultName, int code, string message) =>
        new JsonObject { [faultName] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString();

    /// <summary>One key pair as a list item or a show/create answer.</summary>
    public static JsonObject KeyPair(string name, string? type = "ssh", string publicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e rs-ed25519", string fingerprint = "15:d2:fc:3a:db:43:0d:b7:e4:61:8b:6c:7c:31:5d:3f")
    {
        var body = new JsonObject { ["name"] = name, ["public_key"] = publicKey, ["fingerprint"] = fingerprint };
        if (type is not null)
        {
            body["type"] = type;
        }

        return body;
    }

    /// <summary>A list page: {"keypairs":[{"keypair":{…}}], "keypairs_links":[{"rel":"next","href":…}]}.</summary>
    public static string ListPage(string[] names, string? nextHref)
    {
        var items = new JsonArray();
        foreach (var name in names)
        {
            items.Add(new JsonObject { ["keypair"] = KeyPair(name) });
        }

        var page = new JsonObject { ["keypairs"] = items };
        if (nextHref is not null)
        {
            page["keypairs_links"] = new JsonArray { new JsonObject { ["rel"] = "next", ["href"] = nextHref } };
        }

        return page.ToJsonString();
    }

    private static HttpResponseMessage Build(HttpStatusCode status, HttpContent content, (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
