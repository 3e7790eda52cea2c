using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Tests.Infrastructure;
using static Vietnix.Keypairs.Client.Tests.Identity.KeystoneFakes;

namespace Vietnix.Keypairs.Client.Tests.Identity;

public class KeystoneClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static PasswordCredential DemoPassword() =>
        new(UserReference.WithName("demo", DomainReference.Default), Secure(Password));

    [Fact]
    public async Task SignIn_ReadsTheTokenFromTheHeaderAndItsFactsFromTheBody()
    {
        // Arrange
        var network = new FakeNovaHandler().Respond(_ => Issued());
        using var keystone = KeystoneFakes.Client(network);

        // Act
        var token = await keystone.IssueTokenAsync(DemoPassword(), ProjectScope.WithName("demo", DomainReference.Default), None);

        // Assert
        Assert.Equal(IssuedToken, token.Value);
        Assert.Equal(("u-1", "demo", "Default"), (token.UserId, token.UserName, token.UserDomainName));
        Assert.Equal(("p-1", "demo", "Default"), (token.ProjectId, token.ProjectName, token.ProjectDomainName));
        Assert.True(token.ExpiresAt > System.DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Equal("https://nova-one.vietnix.test:8774/v2.1", token.Catalog.SelectCompute(null, null).Url);
        var post = Assert.Single(network.Requests);
        Assert.Equal(("POST", TokensUrl), (post.Method.Method, post.AbsoluteUri));
        Assert.Equal(post.Body!.Length, post.ContentLength);
        Assert.False(post.IsChunked);
        Assert.Null(post.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task SignIn_WithoutTheSubjectTokenHeader_IsAProtocolError()
    {
        var network = new FakeNovaHandler().Respond(_ => NovaResponses.Json(HttpStatusCode.Created, "{\"token\":{\"expires_at\":\"2030-01-01T00:00:00.000000Z\"}}"));
        using var keystone = KeystoneFakes.Client(network);

        await Assert.ThrowsAsync<VietnixProtocolException>(() => keystone.IssueTokenAsync(DemoPassword(), null, None));
    }

    [Fact]
    public async Task ARefusedScopedSignInIsOneAttempt_AndTheMessageNamesBothCauses()
    {
        // Arrange: Keystone answers a wrong password and a project the user may not use with the
        // same 401. A second, unscoped attempt would count the password twice against the lockout.
        var network = new FakeNovaHandler()
            .Respond(_ => Refused())
            .Respond(_ => Issued("probe-token", scoped: false));
        using var keystone = KeystoneFakes.Client(network);

        // Act
        var exception = await Assert.ThrowsAsync<VietnixSignInException>(() =>
            keystone.IssueTokenAsync(DemoPassword(), ProjectScope.WithName("nope", DomainReference.Default), None));

        // Assert
        Assert.Single(network.Requests);
        Assert.Equal(SignInProblem.CredentialsRefused, exception.Problem);
        Assert.Contains("project 'nope' in domain 'Default'", exception.Message);
        Assert.Contains("the credentials are wrong", exception.Message);
        Assert.Contains("the project does not exist there or the user has no role on it", exception.Message);
        Assert.Contains(NovaResponses.RequestId, exception.Message);
        Assert.DoesNotContain(Password, exception.Message);
    }

    [Fact]
    public async Task RefusedCredentialsSayWhatToCheck()
    {
        var network = new FakeNovaHandler().Respond(_ => Refused()).Respond(_ => Refused());
        using var keystone = KeystoneFakes.Client(network);

        var exception = await Assert.ThrowsAsync<VietnixSignInException>(() =>
            keystone.IssueTokenAsync(DemoPassword(), null, None));

        Assert.Single(network.Requests);
        Assert.Equal(SignInProblem.CredentialsRefused, exception.Problem);
        Assert.Contains("the password of user 'demo' in domain 'Default'", exception.Message);
        Assert.Contains("Check the user name, its domain and the password", exception.Message);
        Assert.DoesNotContain(Password, exception.Message);
        Assert.IsType<VietnixAuthenticationException>(exception.InnerException);
    }

    [Fact]
    public async Task AnUnknownOrExpiredTokenGiven404ByKeystoneIsARefusedCredential()
    {
        // Keystone (Zed) answers the token method's bad token with 404, not 401.
        var network = new FakeNovaHandler().Respond(_ => NovaResponses.Json(HttpStatusCode.NotFound, "{\"error\":{\"code\":404,\"message\":\"Could not recognize Fernet token\",\"title\":\"Not Found\"}}"));
        using var keystone = KeystoneFakes.Client(network);

        var exception = await Assert.ThrowsAsync<VietnixSignInException>(() =>
            keystone.IssueTokenAsync(new TokenCredential(Secure("gAAAAAstale")), ProjectScope.WithId("p-1"), None));

        Assert.Equal(SignInProblem.CredentialsRefused, exception.Problem);
        Assert.Contains("expired or been revoked", exception.Message);
        Assert.Single(network.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task RevokingATokenKeystoneNoLongerAcceptsIsDone(HttpStatusCode status)
    {
        var network = new FakeNovaHandler().Respond(_ => Issued()).Respond(_ => NovaResponses.Json(status, "{\"error\":{\"code\":404,\"message\":\"Failed to validate token\",\"title\":\"Not Found\"}}"));
        using var keystone = KeystoneFakes.Client(network);
        var token = await keystone.IssueTokenAsync(DemoPassword(), null, None);

        await keystone.RevokeTokenAsync(token, None);

        Assert.Equal(2, network.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, SignInProblem.Incomplete)]
    [InlineData(HttpStatusCode.Forbidden, SignInProblem.CredentialsRefused)]
    public async Task OtherKeystoneRefusalsAreSignInFailuresWithKeystonesWords(HttpStatusCode status, SignInProblem problem)
    {
        var network = new FakeNovaHandler().Respond(_ => NovaResponses.Json(status, "{\"error\":{\"code\":403,\"message\":\"Keystone's own words.\",\"title\":\"x\"}}"));
        using var keystone = KeystoneFakes.Client(network);

        var exception = await Assert.ThrowsAsync<VietnixSignInException>(() => keystone.IssueTokenAsync(DemoPassword(), null, None));

        Assert.Equal(problem, exception.Problem);
        Assert.Contains("Keystone's own words.", exception.Message);
    }

    [Fact]
    public async Task Revoke_SendsTheTokenAsBothAuthAndSubject()
    {
        var network = new FakeNovaHandler().Respond(_ => Issued()).Respond(_ => NovaResponses.Empty(HttpStatusCode.NoContent));
        using var keystone = KeystoneFakes.Client(network);
        var token = await keystone.IssueTokenAsync(DemoPassword(), null, None);

        await keystone.RevokeTokenAsync(token, None);

        var revoke = network.Requests[1];
        Assert.Equal(("DELETE", TokensUrl), (revoke.Method.Method, revoke.AbsoluteUri));
        Assert.Equal((IssuedToken, IssuedToken), (revoke.Header("X-Auth-Token"), revoke.Header("X-Subject-Token")));
    }

    [Fact]
    public async Task TheLogShowsTheSignInWithoutPasswordTokenOrCatalog()
    {
        var log = new CollectingLog();
        var network = new FakeNovaHandler().Respond(_ => Issued());
        using var keystone = KeystoneFakes.Client(network, log);

        await keystone.IssueTokenAsync(DemoPassword(), ProjectScope.WithId("p-1"), None);

        var entry = Assert.Single(log.Entries);
        Assert.Equal(201, entry.StatusCode);
        Assert.Contains("\"password\":\"<redacted>\"", entry.RequestBody);
        Assert.Contains("\"catalog\":\"<removed>\"", entry.ResponseBody);
        Assert.All(log.Entries.SelectMany(CollectingLog.Texts), text =>
        {
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain(IssuedToken, text);
        });
    }
}
