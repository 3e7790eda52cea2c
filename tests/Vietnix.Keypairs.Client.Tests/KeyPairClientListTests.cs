using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;
using static Vietnix.Keypairs.Client.Tests.Infrastructure.Microversions;

namespace Vietnix.Keypairs.Client.Tests;

public class KeyPairClientListTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> BelowPaging => new() { "2.1", "2.2", "2.9", "2.10", "2.34" };

    public static TheoryData<string> FromPaging => new() { "2.35", "2.72", "2.91", "2.92", "2.93" };

    [Theory]
    [MemberData(nameof(Microversions.All), MemberType = typeof(Microversions))]
    public async Task List_UnwrapsTheDoublyWrappedItems(string version)
    {
        // Arrange
        var fixture = V(version) >= V("2.10") ? "nova-api-samples/v2.10/keypairs-list-resp.json"
            : V(version) >= V("2.2") ? "nova-api-samples/v2.2/keypairs-list-resp.json"
            : "nova-api-samples/keypairs-list-resp.json";
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, fixture));
        using var client = TestClient.Create(fake, version);

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        var key = Assert.Single(keys);
        Assert.Equal("keypair-50ca852e-273f-4cdc-8949-45feba200837", key.Name);
        Assert.Equal("7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd", key.Fingerprint);
        Assert.Equal("ssh", key.Type);
        Assert.Null(key.UserId);
        Assert.Null(key.CreatedAt);
        Assert.Equal(TestClient.KeyPairsUrl, Assert.Single(fake.ApiRequests).AbsoluteUri);
    }

    [Theory]
    [MemberData(nameof(BelowPaging))]
    public async Task BelowTwoPointThirtyFive_OneRequest_WithoutLimit_EvenWithAPageSize(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a", "b", "c"], TestClient.KeyPairsUrl + "?limit=2&marker=b")));
        using var client = TestClient.Create(fake, version);

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 2 }, None);

        // Assert
        Assert.Equal(new[] { "a", "b", "c" }, keys.Select(k => k.Name));
        var list = Assert.Single(fake.ApiRequests);
        Assert.Equal(TestClient.KeyPairsUrl, list.AbsoluteUri);
        Assert.DoesNotContain("limit", list.AbsoluteUri);
    }

    [Theory]
    [MemberData(nameof(FromPaging))]
    public async Task FromTwoPointThirtyFive_FollowsPagesWithMarkerAndLimit_UntilAnEmptyPage(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["rs-at.dot@x", "rs-ed25519"], "http://127.0.0.1:8774/v2.1/os-keypairs?limit=2&marker=rs-ed25519")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["rs-gen", "rs-rsa"], "http://127.0.0.1:8774/v2.1/os-keypairs?limit=2&marker=rs-rsa")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage([], null)));
        using var client = TestClient.Create(fake, version);

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 2 }, None);

        // Assert
        Assert.Equal(new[] { "rs-at.dot@x", "rs-ed25519", "rs-gen", "rs-rsa" }, keys.Select(k => k.Name));
        Assert.Equal(
            new[]
            {
                TestClient.KeyPairsUrl + "?limit=2",
                TestClient.KeyPairsUrl + "?limit=2&marker=rs-ed25519",
                TestClient.KeyPairsUrl + "?limit=2&marker=rs-rsa",
            },
            fake.ApiRequests.Select(r => r.AbsoluteUri));
    }

    [Fact]
    public async Task Paging_EscapesTheMarker()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["my key@x"], "http://127.0.0.1:8774/v2.1/os-keypairs?limit=1&marker=my%20key%40x")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage([], null)));
        using var client = TestClient.Create(fake, "2.93");

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 1 }, None);

        // Assert
        Assert.Equal(TestClient.KeyPairsUrl + "?limit=1&marker=my%20key%40x", fake.ApiRequests[1].AbsoluteUri);
    }

    [Fact]
    public async Task Paging_StopsWhenAPageHasNoNextLink()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a", "b"], TestClient.KeyPairsUrl + "?limit=2&marker=b")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["c"], null)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 2 }, None);

        // Assert
        Assert.Equal(new[] { "a", "b", "c" }, keys.Select(k => k.Name));
        Assert.Equal(2, fake.ApiRequests.Count);
    }

    [Fact]
    public async Task Paging_WithoutPageSize_SendsNoLimit_ButStillFollowsNextLinks()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, "nova-api-samples/v2.35/keypairs-list-resp.json"))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage([], null)));
        using var client = TestClient.Create(fake, "2.35");

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        Assert.Equal("keypair-5d935425-31d5-48a7-a0f1-e76e9813f2c3", Assert.Single(keys).Name);
        Assert.Equal(
            new[] { TestClient.KeyPairsUrl, TestClient.KeyPairsUrl + "?marker=keypair-5d935425-31d5-48a7-a0f1-e76e9813f2c3" },
            fake.ApiRequests.Select(r => r.AbsoluteUri));
    }

    [Fact]
    public async Task Paging_IgnoresTheHostOfTheNextLink()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], "http://internal.example/v2.1/os-keypairs?limit=1&marker=a")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["b"], "http://internal.example:8774/v2.1/other/os-keypairs?limit=1&marker=b")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage([], null)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        await client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 1 }, None);

        // Assert
        Assert.Equal(3, fake.ApiRequests.Count);
        Assert.All(fake.Requests, r => Assert.Equal("api.vietnix.cloud", r.Uri.Host));
        Assert.All(fake.ApiRequests, r => Assert.StartsWith(TestClient.KeyPairsUrl + "?", r.AbsoluteUri));
        Assert.DoesNotContain(fake.Requests, r => r.AbsoluteUri.Contains("internal.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListForAnotherUser_KeepsUserIdOnEveryPage_AndStampsItOnTheItems()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, "nova-api-samples/v2.35/keypairs-list-user2-resp.json"))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage([], null)));
        using var client = TestClient.Create(fake, "2.35");

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest { UserId = "user2", PageSize = 1 }, None);

        // Assert
        Assert.Equal("user2", Assert.Single(keys).UserId);
        Assert.Equal(
            new[]
            {
                TestClient.KeyPairsUrl + "?user_id=user2&limit=1",
                TestClient.KeyPairsUrl + "?user_id=user2&limit=1&marker=keypair-5d935425-31d5-48a7-a0f1-e76e9813f2c3",
            },
            fake.ApiRequests.Select(r => r.AbsoluteUri));
    }

    [Theory]
    [InlineData("2.10")]
    [InlineData("2.34")]
    public async Task ListForAnotherUser_BelowPaging_SendsOnlyUserId(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, "nova-api-samples/v2.10/keypairs-list-resp.json"));
        using var client = TestClient.Create(fake, version);

        // Act
        var keys = await client.KeyPairs.ListAsync(new KeyPairListRequest { UserId = "user1", PageSize = 5 }, None);

        // Assert
        Assert.Equal("user1", Assert.Single(keys).UserId);
        Assert.Equal(TestClient.KeyPairsUrl + "?user_id=user1", Assert.Single(fake.ApiRequests).AbsoluteUri);
    }

    [Fact]
    public async Task ServerReturningTheSamePageForever_IsAProtocolError_NotALoop()
    {
        // Arrange
        var fake = new FakeNovaHandler { MaxRequests = 20 }.WithDiscovery()
            .RespondToAllOthers(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a", "b"], TestClient.KeyPairsUrl + "?limit=2&marker=b")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixProtocolException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 2 }, None));

        // Assert
        Assert.Contains("'b'", exception.Message);
        Assert.True(fake.ApiRequests.Count <= 3, $"{fake.ApiRequests.Count} list requests before giving up");
    }

    [Fact]
    public async Task ServerIgnoringTheMarker_IsAProtocolError_NotALoop()
    {
        // Arrange: a front end that drops the query string answers the first page again and again.
        var fake = new FakeNovaHandler { MaxRequests = 20 }.WithDiscovery()
            .RespondToAllOthers(_ => NovaResponses.Fixture(HttpStatusCode.OK, "nova-api-samples/v2.35/keypairs-list-resp.json"));
        using var client = TestClient.Create(fake, "2.35");

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 1 }, None));

        // Assert
        Assert.IsType<VietnixProtocolException>(exception);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task NonPositivePageSize_IsRefused(int pageSize)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = pageSize }, None));

        // Assert
        Assert.Equal("request", exception.ParamName);
        Assert.Empty(fake.ApiRequests);
    }

    [Fact]
    public async Task List_ItemWithoutFingerprint_IsAProtocolError()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, "{\"keypairs\":[{\"keypair\":{\"name\":\"a\",\"public_key\":\"ssh-ed25519 AAAA\"}}]}"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixProtocolException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Contains("fingerprint", exception.Message);
    }
}
