using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class ComputeServiceVerifyAccessTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("2.1", "")]
    [InlineData("2.34", "")]
    [InlineData("2.35", "?limit=1")]
    [InlineData("2.93", "?limit=1")]
    public async Task VerifyAccess_ReadsAtMostOneKeyPairWithTheToken(string version, string query)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage([], null)));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.VerifyAccessAsync(None);

        // Assert
        var request = Assert.Single(fake.ApiRequests);
        Assert.Equal(TestClient.KeyPairsUrl + query, request.AbsoluteUri);
        Assert.Equal(TestClient.Token, request.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task VerifyAccess_SurfacesARefusedToken()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}"));
        using var client = TestClient.Create(fake, "2.72");

        // Act, Assert
        await Assert.ThrowsAsync<VietnixAuthenticationException>(() => client.VerifyAccessAsync(None));
    }
}
