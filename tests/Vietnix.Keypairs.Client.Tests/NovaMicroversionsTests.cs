using static Vietnix.Keypairs.Client.Tests.Infrastructure.Microversions;

namespace Vietnix.Keypairs.Client.Tests;

public class NovaMicroversionsTests
{
    [Theory]
    [InlineData("2.1", false)]
    [InlineData("2.2", true)]
    [InlineData("2.93", true)]
    public void KeyType_ExistsFromTwoPointTwo(string version, bool expected)
    {
        // Arrange
        var microversion = V(version);

        // Act
        var supported = NovaMicroversions.SupportsKeyType(microversion);

        // Assert
        Assert.Equal(expected, supported);
    }

    [Theory]
    [InlineData("2.1", false)]
    [InlineData("2.9", false)]
    [InlineData("2.10", true)]
    [InlineData("2.93", true)]
    public void UserId_ExistsFromTwoPointTen(string version, bool expected)
    {
        // Arrange
        var microversion = V(version);

        // Act
        var supported = NovaMicroversions.SupportsUserId(microversion);

        // Assert
        Assert.Equal(expected, supported);
    }

    [Theory]
    [InlineData("2.1", false)]
    [InlineData("2.34", false)]
    [InlineData("2.35", true)]
    [InlineData("2.93", true)]
    public void Paging_ExistsFromTwoPointThirtyFive(string version, bool expected)
    {
        // Arrange
        var microversion = V(version);

        // Act
        var supported = NovaMicroversions.SupportsPaging(microversion);

        // Assert
        Assert.Equal(expected, supported);
    }

    [Theory]
    [InlineData("2.1", true)]
    [InlineData("2.72", true)]
    [InlineData("2.91", true)]
    [InlineData("2.92", false)]
    [InlineData("2.93", false)]
    public void ServerGeneration_ExistsBelowTwoPointNinetyTwo(string version, bool expected)
    {
        // Arrange
        var microversion = V(version);

        // Act
        var supported = NovaMicroversions.SupportsServerGeneration(microversion);

        // Assert
        Assert.Equal(expected, supported);
    }

    [Theory]
    [InlineData("2.1", false)]
    [InlineData("2.91", false)]
    [InlineData("2.92", true)]
    [InlineData("2.93", true)]
    public void AtAndDotInNames_AreAllowedFromTwoPointNinetyTwo(string version, bool expected)
    {
        // Arrange
        var microversion = V(version);

        // Act
        var supported = NovaMicroversions.AllowsAtAndDotInNames(microversion);

        // Assert
        Assert.Equal(expected, supported);
    }
}
