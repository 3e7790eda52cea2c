namespace Vietnix.Keypairs.Client.Tests;

public class ApiVersionNegotiationTests
{
    private static readonly ComputeApiVersion Min = ComputeApiVersion.Parse("2.1");
    private static readonly ComputeApiVersion Max = ComputeApiVersion.Parse("2.93");

    [Fact]
    public void Latest_TakesTheServerMaximum_WithoutWarning()
    {
        // Arrange
        var requested = ApiVersionRequest.Latest;

        // Act
        var negotiation = ApiVersionNegotiation.Negotiate(requested, Min, Max);

        // Assert
        Assert.Equal(Max, negotiation.Negotiated);
        Assert.Null(negotiation.Warning);
        Assert.Same(requested, negotiation.Requested);
        Assert.Equal(Min, negotiation.ServerMinimum);
        Assert.Equal(Max, negotiation.ServerMaximum);
    }

    [Theory]
    [InlineData("2.1")]
    [InlineData("2.72")]
    [InlineData("2.93")]
    public void VersionInsideTheRange_IsUsedAsAsked(string wanted)
    {
        // Arrange
        var requested = ApiVersionRequest.For(ComputeApiVersion.Parse(wanted));

        // Act
        var negotiation = ApiVersionNegotiation.Negotiate(requested, Min, Max);

        // Assert
        Assert.Equal(wanted, negotiation.Negotiated.ToString());
        Assert.Null(negotiation.Warning);
    }

    [Fact]
    public void VersionAboveTheMaximum_IsClampedToTheMaximum_WithAWarning()
    {
        // Arrange
        var requested = ApiVersionRequest.For(ComputeApiVersion.Parse("2.100"));

        // Act
        var negotiation = ApiVersionNegotiation.Negotiate(requested, Min, Max);

        // Assert
        Assert.Equal(Max, negotiation.Negotiated);
        Assert.NotNull(negotiation.Warning);
        Assert.Contains("2.93", negotiation.Warning);
        Assert.Contains("2.100", negotiation.Warning);
    }

    [Fact]
    public void VersionBelowTheMinimum_IsClampedToTheMinimum_WithAWarning()
    {
        // Arrange
        var serverMinimum = ComputeApiVersion.Parse("2.5");
        var requested = ApiVersionRequest.For(ComputeApiVersion.Parse("2.2"));

        // Act
        var negotiation = ApiVersionNegotiation.Negotiate(requested, serverMinimum, Max);

        // Assert
        Assert.Equal(serverMinimum, negotiation.Negotiated);
        Assert.NotNull(negotiation.Warning);
        Assert.Contains("2.5", negotiation.Warning);
        Assert.Contains("2.2", negotiation.Warning);
    }
}
