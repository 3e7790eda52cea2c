using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>What the server would refuse is refused before anything but version discovery is sent.</summary>
public class KeyPairClientLocalRefusalTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string Ed25519 = KeyVectors.Line("id_ed25519.pub");

    [Theory]
    [InlineData("2.92")]
    [InlineData("2.93")]
    public async Task ServerGeneration_FromTwoPointNinetyTwo_IsRefused(string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, version);

        // Act
        var exception = await Assert.ThrowsAsync<KeyPairRequestRejectedException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1"), None));

        // Assert
        Assert.Equal(RejectionReason.ServerGenerationUnavailable, exception.Reason);
        Assert.Contains("2.92", exception.Message);
        AssertOnlyDiscoveryWasSent(fake);
    }

    [Fact]
    public async Task X509_AtTwoPointOne_IsRefused()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, "2.1");
        var request = new KeyPairCreateRequest("winrm") { PublicKey = KeyVectors.Text("cert_x509.pem"), Type = NovaKeyType.X509 };

        // Act
        var exception = await Assert.ThrowsAsync<KeyPairRequestRejectedException>(() => client.KeyPairs.CreateAsync(request, None));

        // Assert
        Assert.Equal(RejectionReason.MicroversionTooLow, exception.Reason);
        Assert.Contains("2.2", exception.Message);
        AssertOnlyDiscoveryWasSent(fake);
    }

    public static TheoryData<string, string> UserIdOperationsBelowTwoPointTen
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var version in new[] { "2.1", "2.2", "2.9" })
            {
                foreach (var operation in new[] { "create", "get", "list", "delete" })
                {
                    data.Add(version, operation);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UserIdOperationsBelowTwoPointTen))]
    public async Task UserId_BelowTwoPointTen_IsRefused(string version, string operation)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, version);
        Func<Task> call = operation switch
        {
            "create" => () => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519, UserId = "u2" }, None),
            "get" => () => client.KeyPairs.GetAsync("k1", "u2", None),
            "list" => () => client.KeyPairs.ListAsync(new KeyPairListRequest { UserId = "u2" }, None),
            _ => () => client.KeyPairs.DeleteAsync("k1", "u2", None),
        };

        // Act
        var exception = await Assert.ThrowsAsync<KeyPairRequestRejectedException>(call);

        // Assert
        Assert.Equal(RejectionReason.MicroversionTooLow, exception.Reason);
        Assert.Contains("2.10", exception.Message);
        AssertOnlyDiscoveryWasSent(fake);
    }

    [Theory]
    [InlineData("", "2.72")]
    [InlineData(" leading", "2.72")]
    [InlineData("trailing ", "2.72")]
    [InlineData("user@host", "2.91")]
    [InlineData("host.example", "2.72")]
    [InlineData("bad/name", "2.93")]
    [InlineData(".", "2.93")]
    [InlineData("..", "2.93")]
    public async Task InvalidNames_AreRefusedOnCreate(string name, string version)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, version);

        // Act
        var exception = await Assert.ThrowsAsync<KeyPairRequestRejectedException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest(name) { PublicKey = Ed25519 }, None));

        // Assert
        Assert.Equal(RejectionReason.InvalidName, exception.Reason);
        AssertOnlyDiscoveryWasSent(fake);
    }

    [Fact]
    public async Task TooLongName_IsRefusedOnCreate()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<KeyPairRequestRejectedException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest(new string('k', 256)) { PublicKey = Ed25519 }, None));

        // Assert
        Assert.Equal(RejectionReason.InvalidName, exception.Reason);
        AssertOnlyDiscoveryWasSent(fake);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task UnaddressableNames_AreRefusedOnGetAndDelete(string name)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, "2.93");

        // Act
        var onGet = await Assert.ThrowsAsync<KeyPairRequestRejectedException>(() => client.KeyPairs.GetAsync(name, null, None));
        var onDelete = await Assert.ThrowsAsync<KeyPairRequestRejectedException>(() => client.KeyPairs.DeleteAsync(name, null, None));

        // Assert
        Assert.Equal(RejectionReason.InvalidName, onGet.Reason);
        Assert.Equal(RejectionReason.InvalidName, onDelete.Reason);
        AssertOnlyDiscoveryWasSent(fake);
    }

    [Fact]
    public async Task ZeroPageSize_IsRefused()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 0 }, None));

        // Assert
        Assert.NotNull(exception);
        AssertOnlyDiscoveryWasSent(fake);
    }

    private static void AssertOnlyDiscoveryWasSent(FakeNovaHandler fake)
    {
        var only = Assert.Single(fake.Requests);
        Assert.Equal(TestClient.VersionRootUrl, only.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, only.Method);
    }
}
