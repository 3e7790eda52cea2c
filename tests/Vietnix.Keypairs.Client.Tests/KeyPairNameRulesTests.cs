using static Vietnix.Keypairs.Client.Tests.Infrastructure.Microversions;

namespace Vietnix.Keypairs.Client.Tests;

public class KeyPairNameRulesTests
{
    [Theory]
    [InlineData("a", "2.72")]
    [InlineData("my key", "2.72")]
    [InlineData("key_1-prod", "2.1")]
    [InlineData("ABC xyz 019", "2.91")]
    [InlineData("me.and.myself@this.nice.domain.com mooh.", "2.92")]
    [InlineData("rs-at.dot@x", "2.93")]
    [InlineData("...", "2.92")]
    public void ValidNames_HaveNoProblem(string name, string version)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V(version));

        // Assert
        Assert.Null(problem);
    }

    [Fact]
    public void ExactlyMaxLength_IsAccepted()
    {
        // Arrange
        var name = new string('a', 255);

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.72"));

        // Assert
        Assert.Null(problem);
    }

    [Fact]
    public void OneOverMaxLength_IsRefused_WithTheLength()
    {
        // Arrange
        var name = new string('a', 256);

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.72"));

        // Assert
        Assert.NotNull(problem);
        Assert.Contains("255", problem);
        Assert.Contains("256", problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void EmptyName_IsRefused(string? name)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.72"));

        // Assert
        Assert.NotNull(problem);
        Assert.Contains("empty", problem);
    }

    [Theory]
    [InlineData(" key")]
    [InlineData("key ")]
    [InlineData(" ")]
    [InlineData("\tkey")]
    public void LeadingOrTrailingWhitespace_IsRefused(string name)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.72"));

        // Assert
        Assert.NotNull(problem);
        Assert.Contains("starts or ends with a space", problem);
    }

    [Theory]
    [InlineData("user@host")]
    [InlineData("host.example")]
    public void AtAndDot_AreRefusedAtTwoPointNinetyOne_WithAHintAboutTwoPointNinetyTwo(string name)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.91"));

        // Assert
        Assert.NotNull(problem);
        Assert.Contains("2.92", problem);
        Assert.Contains("2.91", problem);
    }

    [Theory]
    [InlineData("user@host")]
    [InlineData("host.example")]
    public void AtAndDot_AreAcceptedAtTwoPointNinetyTwo(string name)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.92"));

        // Assert
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("2.72")]
    [InlineData("2.93")]
    public void Slash_IsRefusedAtEveryVersion(string version)
    {
        // Arrange
        const string name = "bad/name";

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V(version));

        // Assert
        Assert.NotNull(problem);
        Assert.Contains("'/'", problem);
    }

    [Theory]
    [InlineData("ключ")]
    [InlineData("a\u0000b")]
    [InlineData("a!b")]
    public void OtherCharacters_AreRefused(string name)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.93"));

        // Assert
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void DotAndDotDot_AreRefusedEvenAtTwoPointNinetyTwo_BecauseAUrlCannotAddressThem(string name)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.92"));

        // Assert
        Assert.NotNull(problem);
        Assert.Contains("URL", problem);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void DotAndDotDot_AreRefusedBeforeTwoPointNinetyTwo(string name)
    {
        // Arrange (inline data)

        // Act
        var problem = KeyPairNameRules.FindProblem(name, V("2.91"));

        // Assert
        Assert.NotNull(problem);
    }
}
