using System;

namespace Vietnix.Keypairs.Client.Tests;

public class ComputeEndpointTests
{
    [Theory]
    [InlineData("https://api.vietnix.cloud:8774/v2.1/6f70656e737461636b20342065766572", "https://api.vietnix.cloud:8774/v2.1/")]
    [InlineData("https://api.vietnix.cloud:8774/v2.1/6f70656e737461636b20342065766572/", "https://api.vietnix.cloud:8774/v2.1/")]
    [InlineData("http://127.0.0.1:8774/v2.1", "http://127.0.0.1:8774/v2.1/")]
    [InlineData("https://cloud.example/compute/v2.1/abc", "https://cloud.example/compute/v2.1/")]
    [InlineData("https://cloud.example/v2/abc", "https://cloud.example/v2/")]
    public void VersionDocument_IsTheVersionRootOfTheEndpoint(string endpoint, string expected)
    {
        // Arrange
        var uri = new Uri(endpoint);

        // Act
        var document = ComputeEndpoint.VersionDocument(uri);

        // Assert
        Assert.Equal(expected, document.AbsoluteUri);
    }

    [Fact]
    public void KeyPair_PercentEncodesTheName()
    {
        // Arrange
        var endpoint = new Uri("https://api.vietnix.cloud:8774/v2.1/p");

        // Act
        var url = ComputeEndpoint.KeyPair(endpoint, "my key@x", ("user_id", "u 1"));

        // Assert
        Assert.Equal("https://api.vietnix.cloud:8774/v2.1/p/os-keypairs/my%20key%40x?user_id=u%201", url.AbsoluteUri);
    }

    [Fact]
    public void KeyPairs_LeavesOutNullQueryParameters_AndKeepsTheOrder()
    {
        // Arrange
        var endpoint = new Uri("https://api.vietnix.cloud:8774/v2.1/p/");

        // Act
        var url = ComputeEndpoint.KeyPairs(endpoint, ("user_id", null), ("limit", "2"), ("marker", "rs-at.dot@x"));

        // Assert
        Assert.Equal("https://api.vietnix.cloud:8774/v2.1/p/os-keypairs?limit=2&marker=rs-at.dot%40x", url.AbsoluteUri);
    }
}
