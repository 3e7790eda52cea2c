using Vietnix.Keypairs.Client.Identity;

namespace Vietnix.Keypairs.Client.Tests.Identity;

public class ServiceCatalogTests
{
    private static readonly ServiceCatalog Catalog = new(
    [
        new CatalogEndpoint("identity", "public", "RegionOne", "https://keystone/v3/"),
        new CatalogEndpoint("compute", "admin", "RegionOne", "http://nova-admin/v2.1"),
        new CatalogEndpoint("compute", "public", "RegionOne", "https://nova-one/v2.1"),
        new CatalogEndpoint("compute", "internal", "RegionOne", "http://nova-internal/v2.1"),
        new CatalogEndpoint("compute", "public", "RegionTwo", "https://nova-two/v2.1"),
    ]);

    [Theory]
    [InlineData(null, null, "https://nova-one/v2.1")]
    [InlineData("public", "RegionTwo", "https://nova-two/v2.1")]
    [InlineData("internal", null, "http://nova-internal/v2.1")]
    [InlineData("internalURL", "RegionOne", "http://nova-internal/v2.1")]
    [InlineData("Admin", null, "http://nova-admin/v2.1")]
    public void SelectsComputeByInterfaceThenRegion(string? @interface, string? region, string expected)
    {
        Assert.Equal(expected, Catalog.SelectCompute(@interface, region).Url);
    }

    [Fact]
    public void AMissingRegionListsTheEndpointsThatExist()
    {
        var exception = Assert.Throws<VietnixSignInException>(() => Catalog.SelectCompute("internal", "RegionTwo"));

        Assert.Equal(SignInProblem.NoComputeEndpoint, exception.Problem);
        Assert.Contains("interface 'internal' in region 'RegionTwo'", exception.Message);
        Assert.Contains("public in RegionTwo (https://nova-two/v2.1)", exception.Message);
        Assert.Contains("internal in RegionOne", exception.Message);
    }

    [Fact]
    public void ACatalogWithoutComputeNamesTheServicesItHas()
    {
        var exception = Assert.Throws<VietnixSignInException>(() => new ServiceCatalog([new CatalogEndpoint("identity", "public", "RegionOne", "https://k/v3")]).SelectCompute(null, null));

        Assert.Contains("no compute service", exception.Message);
        Assert.Contains("identity", exception.Message);
    }

    [Theory]
    [InlineData("ftp://nova/v2.1/p1")]
    [InlineData("file:///tmp/v2.1/p1")]
    [InlineData("/v2.1/p1")]
    [InlineData("nova:8774")]
    public void ACatalogEndpointThatIsNotAnHttpUrl_IsRefusedWhereTheCatalogEntersWithItsValue(string url)
    {
        var catalog = new ServiceCatalog([new CatalogEndpoint("compute", "public", "RegionOne", url)]);

        var exception = Assert.Throws<VietnixSignInException>(() => catalog.SelectCompute(null, null));

        Assert.Equal(SignInProblem.NoComputeEndpoint, exception.Problem);
        Assert.Contains($"'{url}', which is not an http(s) URL", exception.Message);
    }
}
