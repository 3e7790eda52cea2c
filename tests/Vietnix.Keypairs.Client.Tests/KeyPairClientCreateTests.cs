using System.Net;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;
using static Vietnix.Keypairs.Client.Tests.Infrastructure.Microversions;

namespace Vietnix.Keypairs.Client.Tests;

public class KeyPairClientCreateTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string Ed25519 = KeyVectors.Line("id_ed25519.pub");

    public static TheoryData<string> FromTwoPointTwo => new() { "2.2", "2.9", "2.10", "2.34", "2.35", "2.72", "2.91", "2.92", "2.93" };

    public static TheoryData<string> FromTwoPointTen => new() { "2.10", "2.34", "2.35", "2.72", "2.91", "2.92", "2.93" };

    public static TheoryData<string> BelowTwoPointNinetyTwo => new() { "2.1", "2.2", "2.9", "2.10", "2.34", "2.35", "2.72", "2.91" };

    public static TheoryData<string, int> VersionsAndBothSuccessCodes
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var version in All)
            {
                data.Add(version, 200);
                data.Add(version, 201);
            }

            return data;
        }
    }

    /// <summary>Nova's own request samples, and the microversion each one is for.</summary>
    public static TheoryData<string, string> NovaRequestSamples => new()
    {
        { "2.1", "nova-api-samples/keypairs-import-post-req.json" },
        { "2.1", "nova-api-samples/keypairs-post-req.json" },
        { "2.2", "nova-api-samples/v2.2/keypairs-import-post-req.json" },
        { "2.2", "nova-api-samples/v2.2/keypairs-post-req.json" },
        { "2.10", "nova-api-samples/v2.10/keypairs-import-post-req.json" },
        { "2.10", "nova-api-samples/v2.10/keypairs-post-req.json" },
        { "2.35", "nova-api-samples/v2.35/keypairs-post-req.json" },
        { "2.92", "nova-api-samples/v2.92/keypairs-import-post-req.json" },
    };

    [Theory]
    [MemberData(nameof(NovaRequestSamples))]
    public async Task CreateBody_IsExactlyNovasOwnRequestSample(string version, string sample)
    {
        // Arrange
        var keypair = JsonNode.Parse(Fixtures.ReadText(sample))!["keypair"]!;
        var request = new KeyPairCreateRequest(keypair["name"]!.GetValue<string>())
        {
            PublicKey = keypair["public_key"]?.GetValue<string>(),
            Type = keypair["type"]?.GetValue<string>() switch { "ssh" => NovaKeyType.Ssh, "x509" => NovaKeyType.X509, _ => null },
            UserId = keypair["user_id"]?.GetValue<string>(),
        };
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture((HttpStatusCode)CreatedStatus(V(version)), ImportResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.CreateAsync(request, None);

        // Assert
        var post = Assert.Single(fake.ApiRequests);
        JsonAssert.Equivalent(Fixtures.ReadText(sample), post.BodyText);
    }

    [Theory]
    [MemberData(nameof(Microversions.All), MemberType = typeof(Microversions))]
    public async Task Import_PostsNameAndKey_WithAKnownLengthAndNoExpectContinue(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture((HttpStatusCode)CreatedStatus(V(version)), ImportResponseFor(version), ("x-openstack-request-id", NovaResponses.RequestId)));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519 }, None);

        // Assert
        var post = Assert.Single(fake.ApiRequests);
        Assert.Equal("POST", post.Method.Method);
        Assert.Equal(TestClient.KeyPairsUrl, post.AbsoluteUri);
        JsonAssert.Equivalent(new JsonObject { ["keypair"] = new JsonObject { ["name"] = "k1", ["public_key"] = Ed25519 } }.ToJsonString(), post.BodyText);
        Assert.Equal("application/json", post.ContentHeader("Content-Type"));
        Assert.NotNull(post.Body);
        Assert.Equal(post.Body!.Length, post.ContentLength);
        Assert.Equal(post.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), post.ContentHeader("Content-Length"));
        Assert.False(post.IsChunked, "the body was sent chunked");
        Assert.False(post.ExpectContinue, "the request asked for 100-continue");
        Assert.Null(post.Header("Expect"));
        Assert.Null(post.Header("Transfer-Encoding"));
    }

    [Theory]
    [MemberData(nameof(Microversions.All), MemberType = typeof(Microversions))]
    public async Task Import_WithSshType_SendsTheTypeOnlyFromTwoPointTwo(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.Created, ImportResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519, Type = NovaKeyType.Ssh }, None);

        // Assert
        var expected = new JsonObject { ["name"] = "k1", ["public_key"] = Ed25519 };
        if (V(version) >= V("2.2"))
        {
            expected["type"] = "ssh";
        }

        JsonAssert.Equivalent(new JsonObject { ["keypair"] = expected }.ToJsonString(), Assert.Single(fake.ApiRequests).BodyText);
    }

    [Theory]
    [MemberData(nameof(FromTwoPointTwo))]
    public async Task ImportCertificate_SendsTypeX509_FromTwoPointTwo(string version)
    {
        // Arrange
        var certificate = KeyVectors.Text("cert_x509.pem");
        var answer = new JsonObject
        {
            ["keypair"] = new JsonObject
            {
                ["name"] = "winrm", ["type"] = "x509", ["public_key"] = certificate,
                ["fingerprint"] = KeyVectors.Certificate.Sha1, ["user_id"] = "fake",
            },
        }.ToJsonString();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Json(HttpStatusCode.Created, answer));
        using var client = TestClient.Create(fake, version);

        // Act
        var created = await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("winrm") { PublicKey = certificate, Type = NovaKeyType.X509 }, None);

        // Assert
        var expected = new JsonObject { ["keypair"] = new JsonObject { ["name"] = "winrm", ["public_key"] = certificate, ["type"] = "x509" } };
        JsonAssert.Equivalent(expected.ToJsonString(), Assert.Single(fake.ApiRequests).BodyText);
        Assert.Equal("x509", created.Type);
        Assert.Equal(KeyVectors.Certificate.Sha1, created.Fingerprint);
    }

    [Theory]
    [MemberData(nameof(FromTwoPointTen))]
    public async Task Import_ForAnotherUser_SendsUserIdFromTwoPointTen(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture(HttpStatusCode.Created, ImportResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        var created = await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519, UserId = "fake" }, None);

        // Assert
        var expected = new JsonObject { ["keypair"] = new JsonObject { ["name"] = "k1", ["public_key"] = Ed25519, ["user_id"] = "fake" } };
        JsonAssert.Equivalent(expected.ToJsonString(), Assert.Single(fake.ApiRequests).BodyText);
        Assert.Equal("fake", created.UserId);
    }

    [Theory]
    [MemberData(nameof(BelowTwoPointNinetyTwo))]
    public async Task Generate_PostsOnlyTheName_AndReturnsTheServersPrivateKey(string version)
    {
        // Arrange
        var responseFixture = V(version) >= V("2.10") ? "nova-api-samples/v2.10/keypairs-post-resp.json"
            : V(version) >= V("2.2") ? "nova-api-samples/v2.2/keypairs-post-resp.json"
            : "nova-api-samples/keypairs-post-resp.json";
        var expectedPrivateKey = JsonNode.Parse(Fixtures.ReadText(responseFixture))!["keypair"]!["private_key"]!.GetValue<string>();
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture((HttpStatusCode)CreatedStatus(V(version)), responseFixture));
        using var client = TestClient.Create(fake, version);

        // Act
        var created = await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("generated"), None);

        // Assert
        JsonAssert.Equivalent("{\"keypair\":{\"name\":\"generated\"}}", Assert.Single(fake.ApiRequests).BodyText);
        Assert.Equal(expectedPrivateKey, created.PrivateKey);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", created.PrivateKey);
        Assert.Equal("7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd", created.Fingerprint);
        Assert.Equal("ssh", created.Type);
        Assert.Equal("fake", created.UserId);
    }

    [Theory]
    [MemberData(nameof(VersionsAndBothSuccessCodes))]
    public async Task Create_Accepts200And201_AtEveryVersion(string version, int status)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture((HttpStatusCode)status, ImportResponseFor(version)));
        using var client = TestClient.Create(fake, version);

        // Act
        var created = await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519 }, None);

        // Assert
        Assert.Equal("1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c", created.Fingerprint);
        Assert.Equal("ssh", created.Type);
        Assert.Equal("fake", created.UserId);
        Assert.StartsWith("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv", created.PublicKey);
    }

    [Theory]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(203)]
    public async Task Create_UnexpectedSuccessStatus_IsAProtocolError(int status)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Fixture((HttpStatusCode)status, ImportResponseFor("2.72")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixProtocolException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519 }, None));

        // Assert
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message);
        Assert.Equal(TestClient.KeyPairsUrl, exception.Url);
    }

    [Theory]
    [InlineData("{\"keypair\": {\"name\": \"k1\"}}")]
    [InlineData("{\"something\": {}}")]
    [InlineData("null")]
    [InlineData("<html>created</html>")]
    public async Task Create_AnswerThatIsNotAKeyPair_IsAProtocolError(string body)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Text(HttpStatusCode.Created, body, "application/json"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixProtocolException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519 }, None));

        // Assert
        Assert.Equal(TestClient.KeyPairsUrl, exception.Url);
    }

    internal static string ImportResponseFor(string version) =>
        V(version) >= V("2.92") ? "nova-api-samples/v2.92/keypairs-import-post-resp.json"
        : V(version) >= V("2.10") ? "nova-api-samples/v2.10/keypairs-import-post-resp.json"
        : V(version) >= V("2.2") ? "nova-api-samples/v2.2/keypairs-import-post-resp.json"
        : "nova-api-samples/keypairs-import-post-resp.json";
}
