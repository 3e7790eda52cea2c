using System;
using System.Linq;

namespace Vietnix.Keypairs.Client.Tests;

public class ComputeApiVersionTests
{
    [Theory]
    [InlineData("2.72", 2, 72)]
    [InlineData("2.1", 2, 1)]
    [InlineData("2.10", 2, 10)]
    [InlineData(" 2.10 ", 2, 10)]
    [InlineData("2.93", 2, 93)]
    public void TryParse_ReadsMajorAndMinor(string text, int major, int minor)
    {
        // Arrange (inline data)

        // Act
        var ok = ComputeApiVersion.TryParse(text, out var version);

        // Assert
        Assert.True(ok);
        Assert.Equal(major, version.Major);
        Assert.Equal(minor, version.Minor);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("2.")]
    [InlineData(".1")]
    [InlineData("2.1.1")]
    [InlineData("-2.1")]
    [InlineData("2.-1")]
    [InlineData("2. 1")]
    [InlineData("2.x")]
    [InlineData("latest")]
    public void TryParse_RefusesWhatIsNotMajorDotMinor(string? text)
    {
        // Arrange (inline data)

        // Act
        var ok = ComputeApiVersion.TryParse(text, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public void Parse_ThrowsFormatExceptionThatNamesTheText()
    {
        // Arrange
        const string text = "abc";

        // Act
        var exception = Assert.Throws<FormatException>(() => ComputeApiVersion.Parse(text));

        // Assert
        Assert.Contains("'abc'", exception.Message);
    }

    [Theory]
    [InlineData("2.9", "2.10")]
    [InlineData("2.1", "2.2")]
    [InlineData("2.35", "2.72")]
    [InlineData("2.91", "2.92")]
    [InlineData("2.99", "3.0")]
    public void Ordering_IsNumericPerPart_NotTextual(string lower, string higher)
    {
        // Arrange
        var low = ComputeApiVersion.Parse(lower);
        var high = ComputeApiVersion.Parse(higher);

        // Act
        var comparison = low.CompareTo(high);

        // Assert
        Assert.True(comparison < 0);
        Assert.True(low < high);
        Assert.True(high > low);
        Assert.True(low <= high);
        Assert.False(low >= high);
        Assert.NotEqual(low, high);
    }

    [Fact]
    public void Sorting_PutsTwoPointNineBeforeTwoPointTen()
    {
        // Arrange
        var versions = new[] { "2.10", "2.9", "2.100", "2.1" }.Select(ComputeApiVersion.Parse);

        // Act
        var sorted = versions.OrderBy(v => v).Select(v => v.ToString()).ToArray();

        // Assert
        Assert.Equal(new[] { "2.1", "2.9", "2.10", "2.100" }, sorted);
    }

    [Fact]
    public void EqualVersions_AreEqualAndHashAlike()
    {
        // Arrange
        var a = ComputeApiVersion.Parse("2.72");
        var b = new ComputeApiVersion(2, 72);

        // Act
        var equal = a == b;

        // Assert
        Assert.True(equal);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData(2, 72, "2.72")]
    [InlineData(2, 1, "2.1")]
    [InlineData(2, 10, "2.10")]
    public void ToString_IsTheHeaderForm(int major, int minor, string expected)
    {
        // Arrange
        var version = new ComputeApiVersion(major, minor);

        // Act
        var text = version.ToString();

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Default_IsTheVendorSampleVersion()
    {
        // Arrange / Act
        var version = ComputeApiVersion.Default;

        // Assert
        Assert.Equal("2.72", version.ToString());
        Assert.Equal("2.72", ApiVersionRequest.Default.ToString());
    }
}

public class ApiVersionRequestTests
{
    [Theory]
    [InlineData("2.72", "2.72")]
    [InlineData("2.1", "2.1")]
    [InlineData(" 2.10 ", "2.10")]
    [InlineData("2.93", "2.93")]
    public void TryParse_AcceptsASpecificVersionFromTwoPointOne(string text, string expected)
    {
        // Arrange (inline data)

        // Act
        var ok = ApiVersionRequest.TryParse(text, out var request);

        // Assert
        Assert.True(ok);
        Assert.Equal(expected, request.Specific?.ToString());
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    [InlineData("  Latest ")]
    public void TryParse_AcceptsLatest(string text)
    {
        // Arrange (inline data)

        // Act
        var ok = ApiVersionRequest.TryParse(text, out var request);

        // Assert
        Assert.True(ok);
        Assert.Null(request.Specific);
        Assert.Equal("latest", request.ToString());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("abc")]
    [InlineData("2.0")]
    [InlineData("1.99")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RefusesMalformedAndBelowTwoPointOne(string? text)
    {
        // Arrange (inline data)

        // Act
        var ok = ApiVersionRequest.TryParse(text, out _);

        // Assert
        Assert.False(ok);
    }

    [Theory]
    [InlineData("3.0")]
    [InlineData("3.1")]
    [InlineData("10.2")]
    public void TryParse_RefusesAMajorVersionNovaDoesNotHave(string text)
    {
        // Arrange (inline data)

        // Act
        var ok = ApiVersionRequest.TryParse(text, out _);
        var problem = ApiVersionRequest.ProblemWith(text);

        // Assert
        Assert.False(ok);
        Assert.Contains("Nova has only major version 2", problem);
    }

    [Fact]
    public void ProblemWith_SaysMalformedForTextThatIsNoVersion()
    {
        // Arrange / Act
        var problem = ApiVersionRequest.ProblemWith("abc");

        // Assert
        Assert.StartsWith("'abc' is not a compute microversion.", problem);
    }
}
