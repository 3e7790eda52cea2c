using System;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Internal;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class ConnectionResolverTests
{
    private static readonly ITokenProvider SessionTokens = Mock.Of<ITokenProvider>();

    private static ConnectionSettings Session() =>
        new(new Uri("http://127.0.0.1:8774/v2.1"), "session-project", ApiVersionRequest.For(new ComputeApiVersion(2, 35)), true, SessionTokens);

    [Fact]
    public void WithoutASessionAProjectIdSelectsVietnixCloudsEndpoint()
    {
        var settings = ConnectionResolver.Resolve(new ConnectionParameters { Token = CmdletHarness.Secure("t"), ProjectId = "abc123" }, null);

        Assert.Equal("https://api.vietnix.cloud:8774/v2.1/abc123", settings.Endpoint.AbsoluteUri);
        Assert.Equal("2.72", settings.ApiVersion.ToString());
        Assert.False(settings.SkipCertificateCheck);
        Assert.IsType<StaticTokenProvider>(settings.Tokens);
    }

    [Fact]
    public void GivenParametersWinAndTheRestComesFromTheSession()
    {
        var settings = ConnectionResolver.Resolve(new ConnectionParameters { ApiVersion = "latest" }, Session());

        Assert.True(settings.ApiVersion.IsLatest);
        Assert.Equal("http://127.0.0.1:8774/v2.1", settings.Endpoint.AbsoluteUri);
        Assert.Equal("session-project", settings.ProjectId);
        Assert.True(settings.SkipCertificateCheck);
        Assert.Same(SessionTokens, settings.Tokens);
    }

    [Fact]
    public void AnExplicitEndpointBeatsTheSessionAndAGivenTokenBeatsTheSessionToken()
    {
        var settings = ConnectionResolver.Resolve(
            new ConnectionParameters { Token = CmdletHarness.Secure("other"), Endpoint = new Uri("https://other.example:8774/v2.1/p"), SkipCertificateCheck = false },
            Session());

        Assert.Equal("https://other.example:8774/v2.1/p", settings.Endpoint.AbsoluteUri);
        Assert.NotSame(SessionTokens, settings.Tokens);
        Assert.False(settings.SkipCertificateCheck);
        Assert.Equal("2.35", settings.ApiVersion.ToString());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2.0")]
    [InlineData("two")]
    public void AnUnreadableApiVersionIsRefusedWithTheAcceptedForms(string apiVersion)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectionResolver.Resolve(new ConnectionParameters { ApiVersion = apiVersion }, Session()));

        Assert.Contains("latest", exception.Message);
    }

    [Fact]
    public void NoTokenAnywhereSaysWhereOneComesFrom()
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectionResolver.Resolve(new ConnectionParameters { ProjectId = "p" }, null));

        Assert.Contains("-Token", exception.Message);
    }

    [Fact]
    public void ANonHttpEndpointIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ConnectionResolver.Resolve(
            new ConnectionParameters { Token = CmdletHarness.Secure("t"), Endpoint = new Uri("ftp://example/v2.1") }, null));
    }
}
