using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class KeyPairClientDeleteTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string, int> VersionsAndBothSuccessCodes
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var version in Microversions.All)
            {
                data.Add(version, 202);
                data.Add(version, 204);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(VersionsAndBothSuccessCodes))]
    public async Task Delete_Accepts202And204_AtEveryVersion(string version, int status)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Empty((HttpStatusCode)status));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.DeleteAsync("my key@x", null, None);

        // Assert
        var delete = Assert.Single(fake.ApiRequests);
        Assert.Equal("DELETE", delete.Method.Method);
        Assert.Equal(TestClient.KeyPairsUrl + "/my%20key%40x", delete.AbsoluteUri);
        Assert.Equal(TestClient.Token, delete.Header("X-Auth-Token"));
        Assert.Equal(version, delete.Header("X-OpenStack-Nova-API-Version"));
        Assert.Null(delete.Body);
    }

    [Theory]
    [InlineData("2.10")]
    [InlineData("2.72")]
    [InlineData("2.93")]
    public async Task Delete_ForAnotherUser_AddsTheUserIdQuery(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Empty(HttpStatusCode.NoContent));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.DeleteAsync("rs-rsa", "20ccc9a3243449c6b994b645e2403f88", None);

        // Assert
        Assert.Equal(TestClient.KeyPairsUrl + "/rs-rsa?user_id=20ccc9a3243449c6b994b645e2403f88", Assert.Single(fake.ApiRequests).AbsoluteUri);
    }

    [Fact]
    public async Task Delete_UnexpectedSuccessStatus_IsAProtocolError()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixProtocolException>(() => client.KeyPairs.DeleteAsync("k1", null, None));

        // Assert
        Assert.Contains("200", exception.Message);
    }

    [Fact]
    public async Task Delete_UnknownName_IsNotFound()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.NotFound, NovaResponses.Fault("itemNotFound", 404, "Keypair rs-gen not found for user 20ccc9a3243449c6b994b645e2403f88")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixNotFoundException>(() => client.KeyPairs.DeleteAsync("rs-gen", null, None));

        // Assert
        Assert.Equal("DELETE", exception.Method);
        Assert.Equal(404, exception.StatusCode);
    }
}
