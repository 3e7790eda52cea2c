using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Models;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class GetVietnixKeyPairTests
{
    [Fact]
    public void ExactNameReadsTheDetailViewAndMapsEveryField()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var shown = NovaKeyPairs.Shown("web", NovaKeyPairs.Ed25519PublicKey + " VSTOR-KEY-DESC:Web servers");
        harness.Client.Setup(client => client.GetAsync("web", null, It.IsAny<CancellationToken>())).ReturnsAsync(shown);

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -Name web");

        // Assert
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.Equal("web", keyPair.Name);
        Assert.Equal("Ssh", keyPair.Type);
        Assert.Equal(NovaKeyPairs.Ed25519Fingerprint, keyPair.Fingerprint);
        Assert.Equal("user-1", keyPair.UserId);
        Assert.Equal(DateTimeKind.Utc, keyPair.CreatedAt!.Value.Kind);
        Assert.Equal("Web servers", keyPair.Description);
        Assert.Null(keyPair.PrivateKey);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void X509TypeFromTheServerBecomesX509()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("cert", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(NovaKeyPairs.Shown("cert", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "09:1f", "x509"));

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair cert");

        // Assert
        Assert.Equal("X509", Assert.Single(result.KeyPairs).Type);
    }

    [Fact]
    public void NoNameListsEverythingOnce()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.ListAsync(It.Is<KeyPairListRequest>(request => request.UserId == null && request.PageSize == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync([NovaKeyPairs.Listed("a"), NovaKeyPairs.Listed("b")]);

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair");

        // Assert
        Assert.Equal(["a", "b"], result.KeyPairs.Select(keyPair => keyPair.Name));
        harness.Client.Verify(client => client.ListAsync(It.IsAny<KeyPairListRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void WildcardsFilterOneListingCaseInsensitively()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.ListAsync(It.IsAny<KeyPairListRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([NovaKeyPairs.Listed("Web-1"), NovaKeyPairs.Listed("db-1"), NovaKeyPairs.Listed("web-2")]);

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -Name 'web*', 'nothing*', 'db?1'");

        // Assert
        Assert.Equal(["Web-1", "web-2", "db-1"], result.KeyPairs.Select(keyPair => keyPair.Name));
        Assert.Empty(result.Errors);
        harness.Client.Verify(client => client.ListAsync(It.IsAny<KeyPairListRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void UserIdAndPageSizeReachTheListRequest()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.ListAsync(It.Is<KeyPairListRequest>(request => request.UserId == "demo" && request.PageSize == 2), It.IsAny<CancellationToken>()))
            .ReturnsAsync([NovaKeyPairs.Listed("a")]);

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -UserId demo -PageSize 2");

        // Assert
        Assert.Single(result.KeyPairs);
    }

    [Fact]
    public void AMissingNameIsANonTerminatingObjectNotFoundAndTheNextNameStillRuns()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("gone", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(404, "Keypair gone not found for user user-1"));
        harness.Client.Setup(client => client.GetAsync("here", null, It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("here"));

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -Name gone, here");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("KeyPairNotFound,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("gone", error.TargetObject);
        Assert.Contains("Keypair gone not found", error.ToString());
        Assert.Contains("req-1f2e3d4c", error.ToString());
        Assert.Equal("here", Assert.Single(result.KeyPairs).Name);
    }

    [Fact]
    public void ARefusedTokenStopsTheCommand()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("a", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(401, "The request you have made requires authentication."));

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -Name a, b");

        // Assert
        Assert.Equal("AuthenticationFailed,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, result.Terminating!.CategoryInfo.Category);
        harness.Client.Verify(client => client.GetAsync("b", It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void WithoutASessionTheCommandSaysHowToConnect()
    {
        // Arrange
        using var harness = new CmdletHarness(connected: false);

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair");

        // Assert
        Assert.Equal("NotConnected,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Contains("Connect-VietnixAccount", result.Terminating!.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void NamesArriveFromThePipelineByValueAndByPropertyName()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, string? _, CancellationToken _) => NovaKeyPairs.Shown(name));

        // Act
        var result = harness.Invoke("'a' | Get-VietnixKeyPair; [pscustomobject]@{ Name = 'b'; UserId = 'demo' } | Get-VietnixKeyPair");

        // Assert
        Assert.Equal(["a", "b"], result.KeyPairs.Select(keyPair => keyPair.Name));
        harness.Client.Verify(client => client.GetAsync("b", "demo", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void RequestLogEntriesBecomeVerboseLinesWithoutTheToken()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.GetAsync("a", null, It.IsAny<CancellationToken>()))
            .Callback(() => harness.Session!.Log.Add(new Vietnix.Keypairs.Client.Http.RequestLogEntry("GET", "https://api.vietnix.cloud:8774/v2.1/project-1/os-keypairs/a", TimeSpan.FromMilliseconds(12))
            {
                Microversion = "2.72",
                StatusCode = 200,
                ReasonPhrase = "OK",
                RequestId = "req-abc",
                ResponseBody = "{\"keypair\":{\"name\":\"a\"}}",
            }))
            .ReturnsAsync(NovaKeyPairs.Shown("a"));

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair a -Verbose -Debug");

        // Assert
        Assert.Contains(result.Verbose, line => line.Contains("GET https://api.vietnix.cloud:8774/v2.1/project-1/os-keypairs/a [compute 2.72] -> 200 OK") && line.Contains("req-abc"));
        Assert.Contains(result.Debug, line => line.Contains("response body"));
    }

    [Fact]
    public async Task CtrlCCancelsTheRunningRequest()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        harness.Client.Setup(client => client.ListAsync(It.IsAny<KeyPairListRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (KeyPairListRequest _, CancellationToken cancellationToken) =>
            {
                using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return (IReadOnlyList<NovaKeyPair>)[];
            });
        using var shell = PowerShell.Create();
        shell.Runspace = harness.Runspace;
        shell.AddScript("Get-VietnixKeyPair");

        // Act
        var running = shell.BeginInvoke();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        shell.Stop();

        // Assert
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
    }
}
