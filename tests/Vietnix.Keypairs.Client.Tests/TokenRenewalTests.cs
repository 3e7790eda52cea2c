using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class TokenRenewalTests
{
    private const string OldToken = "gAAAAAB-old-token";
    private const string NewToken = "gAAAAAB-new-token";

    private static readonly string Unauthorized =
        "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}";

    [Fact]
    public async Task Unauthorized_WithARenewableToken_IsReplayedOnce_WithTheNewTokenAndTheSameBody()
    {
        // Arrange
        var tokens = new Mock<ITokenProvider>(MockBehavior.Strict);
        tokens.SetupSequence(t => t.GetTokenAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(OldToken)
            .ReturnsAsync(NewToken);
        tokens.Setup(t => t.TryRenewAsync(OldToken, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, Unauthorized))
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.Created, "nova-api-samples/v2.10/keypairs-import-post-resp.json"));
        using var client = TestClient.Create(fake, "2.72", tokens.Object);
        var request = new KeyPairCreateRequest("k1") { PublicKey = KeyVectors.Line("id_ed25519.pub") };

        // Act
        var created = await client.KeyPairs.CreateAsync(request, CancellationToken.None);

        // Assert
        Assert.Equal("1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c", created.Fingerprint);
        var (first, replay) = (fake.ApiRequests[0], fake.ApiRequests[1]);
        Assert.Equal(2, fake.ApiRequests.Count);
        Assert.Equal(OldToken, first.Header("X-Auth-Token"));
        Assert.Equal(NewToken, replay.Header("X-Auth-Token"));
        Assert.Equal(first.Method, replay.Method);
        Assert.Equal(first.AbsoluteUri, replay.AbsoluteUri);
        Assert.Equal(first.Body, replay.Body);
        Assert.Equal(first.ContentHeader("Content-Type"), replay.ContentHeader("Content-Type"));
        Assert.Equal(replay.Body!.Length, replay.ContentLength);
        Assert.False(replay.IsChunked);
        Assert.False(replay.ExpectContinue);
        Assert.Equal("compute 2.72", replay.Header("OpenStack-API-Version"));
        Assert.Equal("2.72", replay.Header("X-OpenStack-Nova-API-Version"));
        tokens.Verify(t => t.TryRenewAsync(OldToken, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SecondUnauthorized_AfterTheReplay_Surfaces_WithoutAnotherRenewal()
    {
        // Arrange
        var tokens = new Mock<ITokenProvider>();
        tokens.SetupSequence(t => t.GetTokenAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(OldToken)
            .ReturnsAsync(NewToken);
        tokens.Setup(t => t.TryRenewAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, Unauthorized))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, Unauthorized));
        using var client = TestClient.Create(fake, "2.72", tokens.Object);

        // Act
        var exception = await Assert.ThrowsAsync<VietnixAuthenticationException>(() => client.KeyPairs.DeleteAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.Equal(401, exception.StatusCode);
        Assert.Equal(2, fake.ApiRequests.Count);
        tokens.Verify(t => t.TryRenewAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Unauthorized_WhenRenewalFails_Surfaces_WithoutAReplay()
    {
        // Arrange
        var tokens = new Mock<ITokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync(OldToken);
        tokens.Setup(t => t.TryRenewAsync(OldToken, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, Unauthorized));
        using var client = TestClient.Create(fake, "2.72", tokens.Object);

        // Act
        var exception = await Assert.ThrowsAsync<VietnixAuthenticationException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None));

        // Assert
        Assert.Equal("The request you have made requires authentication.", exception.ServerMessage);
        Assert.Single(fake.ApiRequests);
        tokens.Verify(t => t.TryRenewAsync(OldToken, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task StaticToken_IsNeverRenewed_SoA401IsFinal()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, Unauthorized));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        await Assert.ThrowsAsync<VietnixAuthenticationException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None));

        // Assert
        Assert.Single(fake.ApiRequests);
    }

    [Fact]
    public async Task OtherErrors_DoNotAskForANewToken()
    {
        // Arrange
        var tokens = new Mock<ITokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync(OldToken);
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Forbidden, NovaResponses.Fault("forbidden", 403, "Policy doesn't allow os_compute_api:os-keypairs:index to be performed.")));
        using var client = TestClient.Create(fake, "2.72", tokens.Object);

        // Act
        await Assert.ThrowsAsync<VietnixForbiddenException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None));

        // Assert
        tokens.Verify(t => t.TryRenewAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Single(fake.ApiRequests);
    }

    [Fact]
    public async Task Discovery_NeverAsksForAToken()
    {
        // Arrange
        var tokens = new Mock<ITokenProvider>(MockBehavior.Strict);
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, "2.72", tokens.Object);

        // Act
        await client.NegotiateAsync(CancellationToken.None);

        // Assert
        tokens.VerifyNoOtherCalls();
        Assert.DoesNotContain(fake.Requests.Single().Headers.Keys, name => name == "X-Auth-Token");
    }
}
