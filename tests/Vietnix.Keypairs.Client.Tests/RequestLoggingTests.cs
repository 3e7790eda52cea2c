using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class RequestLoggingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EveryExchange_IsLogged_WithMethodUrlStatusRequestIdAndMicroversion()
    {
        // Arrange
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.Created, "nova-api-samples/v2.10/keypairs-import-post-resp.json", ("x-openstack-request-id", NovaResponses.RequestId)))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null), ("x-compute-request-id", "req-list")));
        using var client = TestClient.Create(fake, "2.72", log: log);

        // Act
        await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = KeyVectors.Line("id_ed25519.pub") }, None);
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        // The settled microversion is logged as it is settled: after the version request, before the first request that sends it.
        Assert.Equal(4, log.Entries.Count);
        var (discovery, negotiated, create, list) = (log.Entries[0], log.Entries[1], log.Entries[2], log.Entries[3]);
        Assert.StartsWith("Using compute microversion 2.72", negotiated.Summary());
        Assert.Equal("GET", discovery.Method);
        Assert.Equal(TestClient.VersionRootUrl, discovery.Url);
        Assert.Equal(200, discovery.StatusCode);
        Assert.Null(discovery.Microversion);

        Assert.Equal("POST", create.Method);
        Assert.Equal(TestClient.KeyPairsUrl, create.Url);
        Assert.Equal(201, create.StatusCode);
        Assert.Equal(NovaResponses.RequestId, create.RequestId);
        Assert.Equal("2.72", create.Microversion);
        Assert.Contains("\"k1\"", create.RequestBody);
        Assert.Contains("1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c", create.ResponseBody);
        Assert.Contains("compute 2.72", create.Summary());
        Assert.Contains(NovaResponses.RequestId, create.Summary());

        Assert.Equal("GET", list.Method);
        Assert.Equal("req-list", list.RequestId);
        Assert.Equal(200, list.StatusCode);
    }

    [Fact]
    public async Task ALogThatWantsNoBodies_GetsTheSummaryWithoutReadingAnyBody()
    {
        // Arrange: a generated key pair, whose answer carries a private key.
        var log = new CollectingLog { WantsBodies = false };
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, "nova-api-samples/v2.10/keypairs-post-resp.json"));
        using var client = TestClient.Create(fake, "2.72", log: log);

        // Act
        await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1"), None);

        // Assert
        var create = log.Entries.Single(entry => entry.Method == "POST");
        Assert.Equal(200, create.StatusCode);
        Assert.Equal("2.72", create.Microversion);
        Assert.Null(create.RequestBody);
        Assert.Null(create.ResponseBody);
    }

    [Fact]
    public async Task TheToken_NeverAppearsInAnyLogEntry()
    {
        // Arrange
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, "nova-api-samples/v2.10/keypairs-get-resp.json"))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}"))
            .Throw(new HttpRequestException("Connection reset by peer"));
        using var client = TestClient.Create(fake, "2.72", log: log);

        // Act
        await client.KeyPairs.GetAsync("k1", null, None);
        await Assert.ThrowsAsync<VietnixAuthenticationException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));
        await Assert.ThrowsAsync<VietnixConnectionException>(() => client.KeyPairs.DeleteAsync("k1", null, None));

        // Assert
        Assert.Equal(5, log.Entries.Count);
        Assert.All(log.Entries, entry => Assert.All(CollectingLog.Texts(entry), text => Assert.DoesNotContain(TestClient.Token, text)));
        Assert.Equal(TestClient.Token, fake.ApiRequests[0].Header("X-Auth-Token"));
    }

    [Fact]
    public async Task GeneratedPrivateKey_IsRedactedInTheLog_ButReturnedToTheCaller()
    {
        // Arrange
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.Created, "nova-api-samples/v2.10/keypairs-post-resp.json"));
        using var client = TestClient.Create(fake, "2.72", log: log);

        // Act
        var created = await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("generated"), None);

        // Assert
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", created.PrivateKey);
        var entry = log.Entries.Last();
        Assert.Contains(SecretRedactor.Placeholder, entry.ResponseBody);
        Assert.All(log.Entries, e => Assert.All(CollectingLog.Texts(e), text =>
        {
            Assert.DoesNotContain("PRIVATE KEY", text);
            Assert.DoesNotContain("MIIEpAIBAAKCAQEApBdzF", text);
        }));
    }

    [Fact]
    public async Task FailedExchange_IsLoggedWithTheFailure()
    {
        // Arrange
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery().Throw(new HttpRequestException("Connection refused"));
        using var client = TestClient.Create(fake, "2.72", log: log);

        // Act
        await Assert.ThrowsAsync<VietnixConnectionException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        var entry = log.Entries.Last();
        Assert.Null(entry.StatusCode);
        Assert.Equal("Connection refused", entry.Failure);
        Assert.Equal(TestClient.KeyPairsUrl, entry.Url);
        Assert.Equal("2.72", entry.Microversion);
        Assert.Contains("no answer", entry.Summary());
    }

    [Fact]
    public async Task ErrorMessages_NeverContainTheToken()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.BadRequest, NovaResponses.Fault("badRequest", 400, "Invalid input for field/attribute keypair.")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixBadRequestException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = "ssh-rsa NOTBASE64!! x" }, None));

        // Assert
        Assert.DoesNotContain(TestClient.Token, exception.ToString(), StringComparison.Ordinal);
    }
    [Fact]
    public async Task LoggedUrl_IsTheUrlAsItWasSent()
    {
        // Arrange
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Empty(HttpStatusCode.NoContent));
        using var client = TestClient.Create(fake, "2.93", log: log);

        // Act
        await client.KeyPairs.DeleteAsync("my key@x", null, None);

        // Assert
        var sent = Assert.Single(fake.ApiRequests).AbsoluteUri;
        Assert.Equal(TestClient.KeyPairsUrl + "/my%20key%40x", sent);
        Assert.Equal(sent, log.Entries.Last().Url);
    }
}
