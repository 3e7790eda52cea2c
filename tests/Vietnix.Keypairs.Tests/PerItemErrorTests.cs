using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Vietnix.Keypairs.Client.Errors;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>One error per item, never a dead pipeline: only a run of failures to reach the endpoint ends a command.</summary>
public sealed class PerItemErrorTests
{
    private const string Url = "https://api.vietnix.cloud:8774/v2.1/project-1/os-keypairs/x";

    private static VietnixConnectionException Unreachable(string name) =>
        new("DELETE", Url.Replace("/x", "/" + name), new HttpRequestException("Connection reset by peer"));

    private static void DeleteFails(CmdletHarness harness, string name, Exception failure) =>
        harness.Client.Setup(client => client.DeleteAsync(name, null, It.IsAny<CancellationToken>())).ThrowsAsync(failure);

    private static void DeleteWorks(CmdletHarness harness, string name) =>
        harness.Client.Setup(client => client.DeleteAsync(name, null, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

    [Fact]
    public void AnItemThatCannotReachTheEndpoint_IsOneError_AndTheNextItemIsTried()
    {
        // Arrange
        using var harness = new CmdletHarness();
        DeleteWorks(harness, "a");
        DeleteFails(harness, "b", Unreachable("b"));
        DeleteFails(harness, "c", new VietnixTimeoutException("DELETE", Url, TimeSpan.FromSeconds(30), new TimeoutException()));
        DeleteFails(harness, "d", ApiErrors.Status(503, "Service Unavailable", "DELETE"));
        DeleteWorks(harness, "e");

        // Act
        var result = harness.Invoke("'a','b','c','d','e' | Remove-VietnixKeyPair -Force");

        // Assert
        Assert.Null(result.Terminating);
        Assert.Equal(
            ["ConnectionFailed,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand", "RequestTimeout,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand", "ServiceError,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand"],
            result.ErrorIds);
        Assert.Equal(["b", "c", "d"], result.Errors.Select(error => (string)error.TargetObject));
        harness.Client.Verify(client => client.DeleteAsync("e", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void FiveItemsInARowThatCannotReachTheEndpoint_StopTheCommand_NamingTheEndpointAndTheLastCause()
    {
        // Arrange
        using var harness = new CmdletHarness();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            DeleteFails(harness, name, Unreachable(name));
        }

        DeleteWorks(harness, "f");

        // Act
        var result = harness.Invoke("'a','b','c','d','e','f' | Remove-VietnixKeyPair -Force");

        // Assert
        Assert.Equal(5, result.Errors.Count);
        Assert.NotNull(result.Terminating);
        Assert.Equal("EndpointUnreachable,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand", result.Terminating!.FullyQualifiedErrorId);
        Assert.StartsWith("Stopping: 5 consecutive items failed to reach https://api.vietnix.cloud:8774. The last cause: Could not reach", result.Terminating.Exception.Message);
        Assert.Contains("Connection reset by peer", result.Terminating.Exception.Message);
        harness.Client.Verify(client => client.DeleteAsync("f", null, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ASuccessOrAnAnswerInBetween_StartsTheCountAgain()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var names = new[] { "a", "b", "c", "d", "ok", "e", "f", "g", "h", "missing", "i" };
        foreach (var name in names.Where(name => name.Length == 1))
        {
            DeleteFails(harness, name, Unreachable(name));
        }

        DeleteWorks(harness, "ok");
        DeleteFails(harness, "missing", ApiErrors.Status(404, "Keypair not found", "DELETE"));

        // Act
        var result = harness.Invoke($"{string.Join(",", names.Select(name => $"'{name}'"))} | Remove-VietnixKeyPair -Force");

        // Assert
        Assert.Null(result.Terminating);
        Assert.Equal(10, result.Errors.Count);
    }

    [Fact]
    public void ErrorActionStop_EndsTheCommandAtTheFirstFailure()
    {
        // Arrange
        using var harness = new CmdletHarness();
        DeleteFails(harness, "a", Unreachable("a"));
        DeleteWorks(harness, "b");

        // Act
        var result = harness.Invoke("'a','b' | Remove-VietnixKeyPair -Force -ErrorAction Stop");

        // Assert
        Assert.NotNull(result.Terminating);
        Assert.Equal("ConnectionFailed,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand", result.Terminating!.FullyQualifiedErrorId);
        harness.Client.Verify(client => client.DeleteAsync("b", null, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ARefusedToken_EndsTheCommand()
    {
        // Arrange
        using var harness = new CmdletHarness();
        DeleteFails(harness, "a", ApiErrors.Status(401, "The request you have made requires authentication.", "DELETE"));
        DeleteWorks(harness, "b");

        // Act
        var result = harness.Invoke("'a','b' | Remove-VietnixKeyPair -Force");

        // Assert
        Assert.Equal("AuthenticationFailed,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand", result.Terminating?.FullyQualifiedErrorId);
        harness.Client.Verify(client => client.DeleteAsync("b", null, It.IsAny<CancellationToken>()), Times.Never);
    }
}
