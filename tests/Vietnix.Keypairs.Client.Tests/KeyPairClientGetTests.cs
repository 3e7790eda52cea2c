using System;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Tests.Infrastructure;
using static Vietnix.Keypairs.Client.Tests.Infrastructure.Microversions;

namespace Vietnix.Keypairs.Client.Tests;

public class KeyPairClientGetTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> FromTwoPointTen => new() { "2.10", "2.34", "2.35", "2.72", "2.91", "2.92", "2.93" };

    [Theory]
    [MemberData(nameof(Microversions.All), MemberType = typeof(Microversions))]
    public async Task Get_PercentEncodesTheNameInThePath(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, ShowResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.GetAsync("my key@x", null, None);

        // Assert
        var get = Assert.Single(fake.ApiRequests);
        Assert.Equal("GET", get.Method.Method);
        Assert.Equal(TestClient.KeyPairsUrl + "/my%20key%40x", get.AbsoluteUri);
        Assert.Equal(TestClient.KeyPairsUrl + "/my%20key%40x", get.OriginalString);
        Assert.Null(get.Body);
    }

    [Theory]
    [MemberData(nameof(FromTwoPointTen))]
    public async Task Get_ForAnotherUser_AddsTheUserIdQuery(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, ShowResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        var shown = await client.KeyPairs.GetAsync("k1", "fake", None);

        // Assert
        Assert.Equal(TestClient.KeyPairsUrl + "/k1?user_id=fake", Assert.Single(fake.ApiRequests).AbsoluteUri);
        Assert.Equal("fake", shown.UserId);
    }

    [Theory]
    [MemberData(nameof(Microversions.All), MemberType = typeof(Microversions))]
    public async Task Get_ParsesNovasShowSample(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, ShowResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        var shown = await client.KeyPairs.GetAsync("keypair-6638abdb-c4e8-407c-ba88-c8dd7cc3c4f1", null, None);

        // Assert
        Assert.Equal("keypair-6638abdb-c4e8-407c-ba88-c8dd7cc3c4f1", shown.Name);
        Assert.Equal("44:fe:29:6e:23:14:b9:53:5b:65:82:58:1c:fe:5a:c3", shown.Fingerprint);
        Assert.StartsWith("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC1HTrHCbb9", shown.PublicKey);
        Assert.EndsWith("Generated-by-Nova\n", shown.PublicKey);
        Assert.Equal("ssh", shown.Type);
        Assert.Equal("fake", shown.UserId);
        Assert.Equal(1, shown.Id);
        Assert.Null(shown.PrivateKey);
        Assert.NotNull(shown.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, shown.CreatedAt!.Value.Kind);
        Assert.Equal(new DateTime(2014, 5, 7, 12, 6, 13, DateTimeKind.Utc).AddTicks(6_812_380), shown.CreatedAt.Value);
    }

    [Fact]
    public async Task Get_BelowTwoPointTwo_InfersX509ForAPemCertificate()
    {
        // Arrange
        var answer = new JsonObject
        {
            ["keypair"] = new JsonObject
            {
                ["name"] = "winrm", ["public_key"] = KeyVectors.Text("cert_x509.pem"), ["fingerprint"] = KeyVectors.Certificate.Sha1,
                ["user_id"] = "fake", ["created_at"] = "2026-11-27T18:41:14.178553", ["deleted"] = false, ["id"] = 5,
            },
        }.ToJsonString();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Json(HttpStatusCode.OK, answer));
        using var client = TestClient.Create(fake, "2.1");

        // Act
        var shown = await client.KeyPairs.GetAsync("winrm", null, None);

        // Assert
        Assert.Equal("x509", shown.Type);
    }

    [Fact]
    public async Task Get_TypeSentByTheServer_WinsOverInference()
    {
        // Arrange
        var answer = new JsonObject { ["keypair"] = NovaResponses.KeyPair("k", type: "x509") }.ToJsonString();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Json(HttpStatusCode.OK, answer));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var shown = await client.KeyPairs.GetAsync("k", null, None);

        // Assert
        Assert.Equal("x509", shown.Type);
    }

    [Theory]
    [InlineData("2.93", "...", "/...")]
    [InlineData("2.93", "key.", "/key.")]
    [InlineData("2.72", "50% off", "/50%25%20off")]
    [InlineData("2.72", "a/b", "/a%2Fb")]
    [InlineData("2.72", "q?x#y", "/q%3Fx%23y")]
    public async Task Get_AnyStoredName_StaysOneEscapedPathSegment(string version, string name, string expectedPath)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.OK, ShowResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.GetAsync(name, null, None);

        // Assert
        Assert.Equal(TestClient.KeyPairsUrl + expectedPath, Assert.Single(fake.ApiRequests).AbsoluteUri);
    }

    internal static string ShowResponseFor(string version) =>
        V(version) >= V("2.10") ? "nova-api-samples/v2.10/keypairs-get-resp.json"
        : V(version) >= V("2.2") ? "nova-api-samples/v2.2/keypairs-get-resp.json"
        : "nova-api-samples/keypairs-get-resp.json";
}
