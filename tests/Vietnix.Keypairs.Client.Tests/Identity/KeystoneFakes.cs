using System;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Retries;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests.Identity;

/// <summary>Keystone answers and clients for the identity tests.</summary>
internal static class KeystoneFakes
{
    public const string AuthUrl = "https://keystone.vietnix.test:5000/v3";

    public const string TokensUrl = AuthUrl + "/auth/tokens";

    public const string Password = "s3cret-Passw0rd-never-logged";

    public const string IssuedToken = "gAAAAABissued-token-value-never-logged";

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        return secure;
    }

    public static IKeystoneClient Client(FakeNovaHandler network, IRequestLog? log = null, RetryPolicy? retries = null) =>
        KeystoneClientFactory.Create(new KeystoneClientOptions(new Uri(AuthUrl)) { Retries = retries ?? TestClient.NoRetries }, log, () => network);

    /// <summary>A 201 with the token in X-Subject-Token and a body shaped like Keystone's project-scoped sample.</summary>
    public static HttpResponseMessage Issued(string token = IssuedToken, DateTimeOffset? expiresAt = null, bool scoped = true)
    {
        var body = new JsonObject
        {
            ["methods"] = new JsonArray("password"),
            ["user"] = new JsonObject { ["domain"] = new JsonObject { ["id"] = "default", ["name"] = "Default" }, ["id"] = "u-1", ["name"] = "demo", ["password_expires_at"] = null },
            ["roles"] = new JsonArray(new JsonObject { ["id"] = "r-1", ["name"] = "member" }),
            ["expires_at"] = (expiresAt ?? DateTimeOffset.UtcNow.AddHours(1)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["issued_at"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["audit_ids"] = new JsonArray("a1"),
        };
        if (scoped)
        {
            body["project"] = new JsonObject { ["domain"] = new JsonObject { ["id"] = "default", ["name"] = "Default" }, ["id"] = "p-1", ["name"] = "demo" };
            body["catalog"] = new JsonArray(
                Service("identity", ("public", "RegionOne", "https://keystone.vietnix.test:5000/v3/")),
                Service("compute", ("public", "RegionOne", "https://nova-one.vietnix.test:8774/v2.1"), ("internal", "RegionOne", "http://nova-internal:8774/v2.1"), ("public", "RegionTwo", "https://nova-two.vietnix.test:8774/v2.1")));
        }

        return NovaResponses.Json(HttpStatusCode.Created, new JsonObject { ["token"] = body }.ToJsonString(), ("X-Subject-Token", token), ("x-openstack-request-id", NovaResponses.RequestId));
    }

    /// <summary>Keystone's refusal, the same for every cause unless insecure_debug is on.</summary>
    public static HttpResponseMessage Refused(string message = "The request you have made requires authentication.") =>
        NovaResponses.Json(HttpStatusCode.Unauthorized, new JsonObject { ["error"] = new JsonObject { ["code"] = 401, ["message"] = message, ["title"] = "Unauthorized" } }.ToJsonString(), ("x-openstack-request-id", NovaResponses.RequestId));

    private static JsonObject Service(string type, params (string Interface, string Region, string Url)[] endpoints)
    {
        var list = new JsonArray();
        foreach (var (@interface, region, url) in endpoints)
        {
            list.Add(new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["interface"] = @interface, ["region"] = region, ["region_id"] = region, ["url"] = url });
        }

        return new JsonObject { ["type"] = type, ["name"] = type, ["id"] = Guid.NewGuid().ToString("N"), ["endpoints"] = list };
    }
}
