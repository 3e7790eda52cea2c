using System.Threading;
using Moq;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class RemoveVietnixKeyPairTests
{
    [Fact]
    public void WhatIfDeletesNothingEvenWithForce()
    {
        // Arrange
        using var harness = new CmdletHarness();

        // Act
        var result = harness.Invoke("Remove-VietnixKeyPair -Name a, b -WhatIf -Force");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Null(result.Terminating);
        harness.Client.Verify(client => client.DeleteAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("Remove-VietnixKeyPair -Name a -Force")]
    [InlineData("Remove-VietnixKeyPair -Name a -Confirm:$false")]
    [InlineData("'a' | Remove-VietnixKeyPair -Force")]
    public void ForceOrConfirmFalseRemovesWithoutAsking(string script)
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.DeleteAsync("a", null, It.IsAny<CancellationToken>())).Returns(System.Threading.Tasks.Task.CompletedTask);

        // Act
        var result = harness.Invoke(script);

        // Assert
        Assert.Empty(result.Errors);
        harness.Client.Verify(client => client.DeleteAsync("a", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void KeyPairsFromGetBindByPropertyNameWithTheirOwner()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.ListAsync(It.IsAny<Client.KeyPairListRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new Client.Models.NovaKeyPair("a", NovaKeyPairs.Ed25519PublicKey, NovaKeyPairs.Ed25519Fingerprint) { UserId = "demo" }]);
        harness.Client.Setup(client => client.DeleteAsync("a", "demo", It.IsAny<CancellationToken>())).Returns(System.Threading.Tasks.Task.CompletedTask);

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -UserId demo | Remove-VietnixKeyPair -Force");

        // Assert
        Assert.Empty(result.Errors);
        harness.Client.Verify(client => client.DeleteAsync("a", "demo", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void AKeyPairShownForTheCallerIsRemovedWithoutAUserId()
    {
        // Arrange: the detail view names its owner, but sending user_id for one's own key would be
        // refused below microversion 2.10.
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("mine", null, It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("mine"));
        harness.Client.Setup(client => client.DeleteAsync("mine", null, It.IsAny<CancellationToken>())).Returns(System.Threading.Tasks.Task.CompletedTask);

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -Name mine | Remove-VietnixKeyPair -Force");

        // Assert
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        harness.Client.Verify(client => client.DeleteAsync("mine", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void AMissingKeyPairIsReportedAndTheOthersAreStillRemoved()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.DeleteAsync("gone", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(404, "Keypair gone not found for user user-1", "DELETE"));
        harness.Client.Setup(client => client.DeleteAsync("b", null, It.IsAny<CancellationToken>())).Returns(System.Threading.Tasks.Task.CompletedTask);

        // Act
        var result = harness.Invoke("Remove-VietnixKeyPair gone, b -Force");

        // Assert
        Assert.Equal(["KeyPairNotFound,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand"], result.ErrorIds);
        harness.Client.Verify(client => client.DeleteAsync("b", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void RemoveAsksBeforeDeletingByDefault()
    {
        // ConfirmImpact High meets the default $ConfirmPreference; a host without a UI cannot ask,
        // so the command must fail rather than delete.
        using var harness = new CmdletHarness();

        var result = harness.Invoke("Remove-VietnixKeyPair -Name a");

        Assert.NotNull(result.Terminating);
        harness.Client.Verify(client => client.DeleteAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
