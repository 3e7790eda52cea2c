using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class ComputeServiceNegotiationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Microversions.All), MemberType = typeof(Microversions))]
    public async Task Discovery_HappensOncePerClient_WithoutTokenOrMicroversionHeaders(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        var discovery = Assert.Single(fake.Requests, r => r.AbsoluteUri == TestClient.VersionRootUrl);
        Assert.Same(fake.Requests[0], discovery);
        Assert.Equal("GET", discovery.Method.Method);
        Assert.Null(discovery.Header("X-Auth-Token"));
        Assert.Null(discovery.Header("OpenStack-API-Version"));
        Assert.Null(discovery.Header("X-OpenStack-Nova-API-Version"));
        Assert.Equal(3, fake.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Microversions.All), MemberType = typeof(Microversions))]
    public async Task ApiRequests_CarryTheTokenAndBothMicroversionHeaders(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)))
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, "nova-api-samples/keypairs-get-resp.json"));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);
        await client.KeyPairs.GetAsync("k1", null, None);

        // Assert
        Assert.Equal(2, fake.ApiRequests.Count);
        Assert.All(fake.ApiRequests, request =>
        {
            Assert.Equal(TestClient.Token, request.Header("X-Auth-Token"));
            Assert.Equal("compute " + version, request.Header("OpenStack-API-Version"));
            Assert.Equal(version, request.Header("X-OpenStack-Nova-API-Version"));
            Assert.Equal("application/json", request.Header("Accept"));
        });
    }

    [Fact]
    public async Task NegotiateAsync_ReportsTheSettledVersion_AndIsCached()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery("2.93", "2.1");
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var before = client.Negotiation;
        var first = await client.NegotiateAsync(None);
        var second = await client.NegotiateAsync(None);

        // Assert
        Assert.Null(before);
        Assert.Same(first, second);
        Assert.Same(first, client.Negotiation);
        Assert.Equal("2.72", first.Negotiated.ToString());
        Assert.Equal("2.1", first.ServerMinimum?.ToString());
        Assert.Equal("2.93", first.ServerMaximum?.ToString());
        Assert.Null(first.Warning);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task ConcurrentFirstCalls_StillDiscoverOnlyOnce()
    {
        // Arrange
        var fake = new FakeNovaHandler()
            .RespondAsync(async (_, ct) =>
            {
                await Task.Delay(100, ct);
                return NovaResponses.Json(HttpStatusCode.OK, NovaResponses.VersionDocument("2.93", "2.1"));
            })
            .RespondToAllOthers(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.KeyPairs.ListAsync(new KeyPairListRequest(), None)));

        // Assert
        Assert.Single(fake.Requests, r => r.AbsoluteUri == TestClient.VersionRootUrl);
        Assert.Equal(5, fake.ApiRequests.Count);
    }

    [Fact]
    public async Task Latest_TakesTheServerMaximum()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery("2.93", "2.1")
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)));
        using var client = TestClient.Create(fake, "latest");

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        Assert.Equal("2.93", client.Negotiation?.Negotiated.ToString());
        Assert.Null(client.Negotiation?.Warning);
        var list = Assert.Single(fake.ApiRequests);
        Assert.Equal("compute 2.93", list.Header("OpenStack-API-Version"));
        Assert.Equal("2.93", list.Header("X-OpenStack-Nova-API-Version"));
    }

    [Fact]
    public async Task RequestAboveTheServerMaximum_IsClamped_WithAWarning()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery("2.60", "2.1")
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        Assert.Equal("2.60", client.Negotiation?.Negotiated.ToString());
        Assert.NotNull(client.Negotiation?.Warning);
        Assert.Contains("2.72", client.Negotiation!.Warning);
        Assert.Equal("2.60", Assert.Single(fake.ApiRequests).Header("X-OpenStack-Nova-API-Version"));
    }

    [Fact]
    public async Task DiscoveryNotFound_WithASpecificVersion_ProceedsWithAWarning()
    {
        // Arrange
        var fake = new FakeNovaHandler()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.NotFound, NovaResponses.Fault("itemNotFound", 404, "The resource could not be found.")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        Assert.Single(keys);
        Assert.Equal("2.72", client.Negotiation?.Negotiated.ToString());
        Assert.Null(client.Negotiation?.ServerMaximum);
        Assert.NotNull(client.Negotiation?.Warning);
        Assert.Contains("404", client.Negotiation!.Warning);
        Assert.Equal("2.72", Assert.Single(fake.ApiRequests).Header("X-OpenStack-Nova-API-Version"));
    }

    [Fact]
    public async Task DiscoveryNotFound_WithLatest_IsAProtocolError()
    {
        // Arrange
        var fake = new FakeNovaHandler()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.NotFound, NovaResponses.Fault("itemNotFound", 404, "The resource could not be found.")));
        using var client = TestClient.Create(fake, "latest");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixProtocolException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Contains("404", exception.Message);
        Assert.Equal(TestClient.VersionRootUrl, exception.Url);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task LegacyVersionDocument_WithEmptyVersion_MeansTwoPointOne_WithAWarning()
    {
        // Arrange
        var fake = new FakeNovaHandler()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, "{\"version\":{\"id\":\"v2.0\",\"status\":\"SUPPORTED\",\"version\":\"\",\"min_version\":\"\"}}"))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        Assert.Equal("2.1", client.Negotiation?.Negotiated.ToString());
        Assert.NotNull(client.Negotiation?.Warning);
        Assert.Equal("2.1", Assert.Single(fake.ApiRequests).Header("X-OpenStack-Nova-API-Version"));
    }

    [Fact]
    public async Task VersionListDocument_IsUnderstood_ByItsCurrentEntry()
    {
        // Arrange
        const string versions = """
            {"versions": [
              {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": "", "updated": "2011-01-21T11:33:21Z"},
              {"id": "v2.1", "status": "CURRENT", "version": "2.88", "min_version": "2.1", "updated": "2013-07-23T11:33:21Z"}
            ]}
            """;
        var fake = new FakeNovaHandler()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, versions))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], null)));
        using var client = TestClient.Create(fake, "latest");

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        Assert.Equal("2.88", client.Negotiation?.Negotiated.ToString());
        Assert.Equal("2.1", client.Negotiation?.ServerMinimum?.ToString());
    }

    [Theory]
    [InlineData("<html><body>It works!</body></html>")]
    [InlineData("{\"something\": \"else\"}")]
    [InlineData("{\"version\": {\"version\": \"two\", \"min_version\": \"2.1\"}}")]
    public async Task UnreadableVersionDocument_IsAProtocolError(string body)
    {
        // Arrange
        var fake = new FakeNovaHandler().Respond(_ => NovaResponses.Text(HttpStatusCode.OK, body, "application/json"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixProtocolException>(() => client.NegotiateAsync(None));

        // Assert
        Assert.Equal(TestClient.VersionRootUrl, exception.Url);
        Assert.Null(client.Negotiation);
    }
}
