using System.Threading;
using Moq;
using Vietnix.Keypairs.Client.Models;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class TestVietnixKeyPairTests
{
    private const string OtherFingerprint = "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd";

    [Theory]
    [InlineData(NovaKeyPairs.Ed25519Fingerprint, true)]
    [InlineData("15:D2:FC:3A:DB:43:0D:B7:E4:61:8B:6C:7C:31:5D:3F", true)]
    [InlineData(OtherFingerprint, false)]
    public void ReturnsWhetherTheStoredFingerprintIsTheLocalKeys(string storedFingerprint, bool expected)
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("k", null, It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("k", fingerprint: storedFingerprint));

        // Act
        var result = harness.Invoke($"Test-VietnixKeyPair -Name k -PublicKey '{NovaKeyPairs.Ed25519PublicKey}'");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal(expected, Assert.Single(result.Output));
    }

    [Fact]
    public void AMissingKeyPairIsFalseAndNotFoundNotAnError()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("k", "user-2", It.IsAny<CancellationToken>())).ThrowsAsync(ApiErrors.Status(404, "Keypair k not found for user user-2"));

        // Act
        var result = harness.Invoke($"Test-VietnixKeyPair -Name k -UserId user-2 -PublicKey '{NovaKeyPairs.Ed25519PublicKey}' -Detailed");

        // Assert
        Assert.Empty(result.Errors);
        var comparison = Assert.IsType<KeyPairComparison>(Assert.Single(result.Output));
        Assert.Equal("NotFound", comparison.Status);
        Assert.False(comparison.Matches);
        Assert.Null(comparison.ServerFingerprint);
        Assert.Equal(NovaKeyPairs.Ed25519Fingerprint, comparison.LocalFingerprint);
        Assert.Equal("user-2", comparison.UserId);
    }

    [Fact]
    public void OtherFailuresAreErrorsWithNoAnswer()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("k", "user-2", It.IsAny<CancellationToken>())).ThrowsAsync(ApiErrors.Status(403, "Policy doesn't allow os_compute_api:os-keypairs:show to be performed."));

        // Act
        var result = harness.Invoke($"Test-VietnixKeyPair -Name k -UserId user-2 -PublicKey '{NovaKeyPairs.Ed25519PublicKey}'");

        // Assert
        Assert.Equal(["KeyPairAccessDenied,Vietnix.Keypairs.Commands.TestVietnixKeyPairCommand"], result.ErrorIds);
        Assert.Empty(result.Output);
    }
}
