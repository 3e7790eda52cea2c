using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Tests.Infrastructure;
using static Vietnix.Keypairs.Client.Tests.Identity.KeystoneFakes;

namespace Vietnix.Keypairs.Client.Tests.Identity;

public class KeystoneTokenProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static KeystoneToken Token(string value, DateTimeOffset expiresAt) => new(value, expiresAt, new ServiceCatalog([]));

    private (KeystoneTokenProvider Provider, Mock<IKeystoneClient> Keystone) Provider(KeystoneCredential credential, params KeystoneToken[] tokens)
    {
        var keystone = new Mock<IKeystoneClient>(MockBehavior.Strict);
        var sequence = keystone.SetupSequence(client => client.IssueTokenAsync(credential, It.IsAny<ProjectScope?>(), It.IsAny<CancellationToken>()));
        foreach (var token in tokens)
        {
            sequence = sequence.ReturnsAsync(token);
        }

        return (new KeystoneTokenProvider(keystone.Object, credential, ProjectScope.WithId("p-1"), () => _now), keystone);
    }

    private static PasswordCredential Password() => new(UserReference.WithId("u-1"), Secure(KeystoneFakes.Password));

    [Fact]
    public async Task ATokenWithMoreThan120SecondsLeftIsReused()
    {
        var (provider, keystone) = Provider(Password(), Token("first", _now.AddSeconds(121)));
        await provider.SignInAsync(None);

        Assert.Equal("first", await provider.GetTokenAsync(None));
        keystone.Verify(client => client.IssueTokenAsync(It.IsAny<KeystoneCredential>(), It.IsAny<ProjectScope?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ATokenWith120SecondsOrLessLeftIsRenewedFirst()
    {
        var (provider, keystone) = Provider(Password(), Token("first", _now.AddSeconds(120)), Token("second", _now.AddHours(1)));
        await provider.SignInAsync(None);

        Assert.Equal("second", await provider.GetTokenAsync(None));
        keystone.Verify(client => client.IssueTokenAsync(It.IsAny<KeystoneCredential>(), It.IsAny<ProjectScope?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ConcurrentCallersRenewOnce()
    {
        var (provider, keystone) = Provider(Password(), Token("first", _now.AddSeconds(10)), Token("second", _now.AddHours(1)));
        await provider.SignInAsync(None);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => provider.GetTokenAsync(None))));

        Assert.All(tokens, token => Assert.Equal("second", token));
        keystone.Verify(client => client.IssueTokenAsync(It.IsAny<KeystoneCredential>(), It.IsAny<ProjectScope?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ATokenSessionKeepsItsTokenUntilItExpires_ThenSaysItCannotRenew()
    {
        var (provider, _) = Provider(new TokenCredential(Secure("old")), Token("rescoped", _now.AddSeconds(60)));
        await provider.SignInAsync(None);

        Assert.Equal("rescoped", await provider.GetTokenAsync(None));
        _now = _now.AddSeconds(61);
        var exception = await Assert.ThrowsAsync<VietnixSignInException>(() => provider.GetTokenAsync(None));
        Assert.Equal(SignInProblem.TokenExpired, exception.Problem);
        Assert.Contains("cannot get a new one", exception.Message);
        Assert.False(await provider.TryRenewAsync("rescoped", None));
    }

    [Fact]
    public async Task ARejectedTokenIsRenewedOnce_AndALaterCallerWithTheSameOldTokenGetsTheNewOne()
    {
        var (provider, keystone) = Provider(Password(), Token("first", _now.AddHours(1)), Token("second", _now.AddHours(1)));
        await provider.SignInAsync(None);

        Assert.True(await provider.TryRenewAsync("first", None));
        Assert.True(await provider.TryRenewAsync("first", None));

        Assert.Equal("second", await provider.GetTokenAsync(None));
        keystone.Verify(client => client.IssueTokenAsync(It.IsAny<KeystoneCredential>(), It.IsAny<ProjectScope?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task AComputeCallRefusedWith401IsSignedInAgainAndSentOnceMore()
    {
        // Arrange: Nova refuses the first token (revoked elsewhere), accepts the renewed one.
        var (provider, _) = Provider(Password(), Token("revoked-elsewhere", _now.AddHours(1)), Token("fresh", _now.AddHours(1)));
        await provider.SignInAsync(None);
        var nova = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => Refused())
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage([], null)));
        using var client = TestClient.Create(nova, "2.72", provider);

        // Act
        var listed = await client.KeyPairs.ListAsync(new KeyPairListRequest(), None);

        // Assert
        Assert.Empty(listed);
        Assert.Equal(["revoked-elsewhere", "fresh"], nova.ApiRequests.Select(request => request.Header("X-Auth-Token")));
    }

    [Fact]
    public async Task A401AfterRenewalIsNotRetriedAgain()
    {
        var (provider, _) = Provider(Password(), Token("one", _now.AddHours(1)), Token("two", _now.AddHours(1)));
        await provider.SignInAsync(None);
        var nova = new FakeNovaHandler().WithDiscovery().Respond(_ => Refused()).Respond(_ => Refused());
        using var client = TestClient.Create(nova, "2.72", provider);

        await Assert.ThrowsAsync<Errors.VietnixAuthenticationException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));
        Assert.Equal(2, nova.ApiRequests.Count);
    }
}
