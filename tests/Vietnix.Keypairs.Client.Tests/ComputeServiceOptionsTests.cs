using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Tests;

public class ComputeServiceOptionsTests
{
    [Fact]
    public void Defaults_AreTheVendorsVersionAndAThirtySecondAttemptTimeout()
    {
        // Arrange
        var endpoint = new Uri("https://api.vietnix.cloud:8774/v2.1/p1");

        // Act
        var options = new ComputeServiceOptions(endpoint);

        // Assert
        Assert.Same(endpoint, options.Endpoint);
        Assert.Equal("2.72", options.ApiVersion.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.False(options.SkipCertificateCheck);
        Assert.Equal("Vietnix.Keypairs", options.UserAgent);
    }

    [Theory]
    [InlineData("1e8c85a9681f4606ae17832e4fe01ce0", "https://api.vietnix.cloud:8774/v2.1/1e8c85a9681f4606ae17832e4fe01ce0")]
    [InlineData("  1e8c85a9681f4606ae17832e4fe01ce0 ", "https://api.vietnix.cloud:8774/v2.1/1e8c85a9681f4606ae17832e4fe01ce0")]
    [InlineData("a/b", "https://api.vietnix.cloud:8774/v2.1/a%2Fb")]
    public void VietnixEndpointFor_PutsTheProjectIntoTheVendorTemplate(string projectId, string expected)
    {
        // Arrange (inline data)

        // Act
        var endpoint = ComputeServiceOptions.VietnixEndpointFor(projectId);

        // Assert
        Assert.Equal(expected, endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void VietnixEndpointFor_NeedsAProjectId(string projectId)
    {
        // Arrange (inline data)

        // Act
        var exception = Assert.Throws<ArgumentException>(() => ComputeServiceOptions.VietnixEndpointFor(projectId));

        // Assert
        Assert.Equal("projectId", exception.ParamName);
    }
}

public class StaticTokenProviderTests
{
    [Fact]
    public async Task GivesTheTokenItWasMadeWith_AndNeverRenews()
    {
        // Arrange
        var tokens = Infrastructure.TestClient.StaticToken("gAAAAAB-static");

        // Act
        var token = await tokens.GetTokenAsync(CancellationToken.None);
        var renewed = await tokens.TryRenewAsync(token, CancellationToken.None);

        // Assert
        Assert.Equal("gAAAAAB-static", token);
        Assert.False(renewed);
    }

    [Fact]
    public async Task KeepsItsOwnCopy_OfTheSecureString()
    {
        // Arrange
        var secure = new SecureString();
        foreach (var c in "gAAAAAB-original")
        {
            secure.AppendChar(c);
        }

        var tokens = new StaticTokenProvider(secure);

        // Act
        secure.Clear();
        secure.Dispose();
        var token = await tokens.GetTokenAsync(CancellationToken.None);

        // Assert
        Assert.Equal("gAAAAAB-original", token);
    }

    [Fact]
    public void EmptyToken_IsRefused()
    {
        // Arrange
        using var secure = new SecureString();

        // Act
        var exception = Assert.Throws<ArgumentException>(() => new StaticTokenProvider(secure));

        // Assert
        Assert.Equal("token", exception.ParamName);
    }
}
