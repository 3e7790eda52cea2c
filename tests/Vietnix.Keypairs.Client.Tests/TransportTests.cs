using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class TransportTests
{
    [Fact]
    public async Task ConnectionFailure_BecomesVietnixConnectionException_WithTheUrl()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Throw(new HttpRequestException("Connection refused (api.vietnix.cloud:8774)", new SocketException((int)SocketError.ConnectionRefused)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixConnectionException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None));

        // Assert
        Assert.Equal(TestClient.KeyPairsUrl, exception.Url);
        Assert.Equal("GET", exception.Method);
        Assert.Contains(TestClient.KeyPairsUrl, exception.Message);
        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task ConnectionFailureDuringDiscovery_NamesTheVersionDocumentUrl()
    {
        // Arrange
        var fake = new FakeNovaHandler().Throw(new HttpRequestException("Name or service not known (api.vietnix.cloud:8774)"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixConnectionException>(() => client.NegotiateAsync(CancellationToken.None));

        // Assert
        Assert.Equal(TestClient.VersionRootUrl, exception.Url);
        Assert.Contains("Name or service not known", exception.Message);
    }

    [Fact]
    public async Task ServerSlowerThanTheTimeout_BecomesVietnixTimeoutException()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .RespondAsync(async (_, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return NovaResponses.Empty(HttpStatusCode.NoContent);
            });
        using var client = TestClient.Create(fake, "2.72", timeout: TimeSpan.FromMilliseconds(300));

        // Act
        var exception = await Assert.ThrowsAsync<VietnixTimeoutException>(() => client.KeyPairs.DeleteAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.Equal("DELETE", exception.Method);
        Assert.Equal(TestClient.KeyPairsUrl + "/k1", exception.Url);
    }

    [Fact]
    public async Task CancelledBeforeTheCall_IsOperationCanceled_NotAVietnixError()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery();
        using var client = TestClient.Create(fake, "2.72");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), cancellation.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
    }

    [Fact]
    public async Task CancelledDuringARequest_IsOperationCanceled_NotATimeout()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .RespondAsync(async (_, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return NovaResponses.Empty(HttpStatusCode.NoContent);
            });
        using var client = TestClient.Create(fake, "2.72");
        await client.NegotiateAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.DeleteAsync("k1", null, cancellation.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.Equal(2, fake.Requests.Count);
    }
}
