using System.Collections.Generic;
using System.Linq;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

public class OpenStackEnvironmentTests
{
    private static CloudConfig Read(params (string Name, string? Value)[] variables) =>
        OpenStackEnvironment.Read(variables.ToDictionary(v => v.Name, v => v.Value))
        ?? throw new Xunit.Sdk.XunitException("Expected the variables to describe a cloud.");

    [Fact]
    public void EachVariable_MapsToItsKeyWithoutThePrefix()
    {
        // Act
        var config = Read(
            ("OS_AUTH_URL", "https://keystone.example/v3"),
            ("OS_AUTH_TYPE", "v3password"),
            ("OS_USERNAME", "alice"),
            ("OS_USER_ID", "u-1"),
            ("OS_PASSWORD", "pw"),
            ("OS_USER_DOMAIN_NAME", "Users"),
            ("OS_USER_DOMAIN_ID", "ud-1"),
            ("OS_PROJECT_ID", "p-1"),
            ("OS_PROJECT_NAME", "web"),
            ("OS_PROJECT_DOMAIN_NAME", "Projects"),
            ("OS_PROJECT_DOMAIN_ID", "pd-1"),
            ("OS_REGION_NAME", "HaNoi"),
            ("OS_INTERFACE", "internal"),
            ("OS_COMPUTE_API_VERSION", "2.72"),
            ("OS_CACERT", "/etc/ssl/private-ca.pem"),
            ("OS_COMPUTE_ENDPOINT_OVERRIDE", "https://nova.example/v2.1"));

        // Assert
        Assert.Equal("https://keystone.example/v3", config.AuthUrl);
        Assert.Equal("v3password", config.AuthType);
        Assert.Equal("alice", config.Username);
        Assert.Equal("u-1", config.UserId);
        Assert.Equal("pw", Secrets.Reveal(config.Password));
        Assert.Equal("Users", config.UserDomainName);
        Assert.Equal("ud-1", config.UserDomainId);
        Assert.Equal("p-1", config.ProjectId);
        Assert.Equal("web", config.ProjectName);
        Assert.Equal("Projects", config.ProjectDomainName);
        Assert.Equal("pd-1", config.ProjectDomainId);
        Assert.Equal("HaNoi", config.RegionName);
        Assert.Equal("internal", config.Interface);
        Assert.Equal("2.72", config.ComputeApiVersion);
        Assert.Equal("/etc/ssl/private-ca.pem", config.CaCertificateFile);
        Assert.Equal("https://nova.example/v2.1", config.ComputeEndpointOverride);
        Assert.Equal(OpenStackEnvironment.Source, config.Source);
    }

    [Fact]
    public void ApplicationCredentialVariables_AreRead()
    {
        // Act
        var config = Read(
            ("OS_APPLICATION_CREDENTIAL_ID", "ac-1"),
            ("OS_APPLICATION_CREDENTIAL_NAME", "ci"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "s3cret"));

        // Assert
        Assert.Equal("ac-1", config.ApplicationCredentialId);
        Assert.Equal("ci", config.ApplicationCredentialName);
        Assert.Equal("s3cret", Secrets.Reveal(config.ApplicationCredentialSecret));
        Assert.True(config.HasCredential);
    }

    [Theory]
    [InlineData("OS_TOKEN")]
    [InlineData("OS_AUTH_TOKEN")]
    public void EitherTokenVariable_GivesTheToken(string name)
    {
        // Act
        var config = Read((name, "gAAAA-token"));

        // Assert
        Assert.Equal("gAAAA-token", Secrets.Reveal(config.Token));
        Assert.True(config.HasCredential);
    }

    [Fact]
    public void TenantVariables_AreProjectAliases_AndTheProjectSpellingWins()
    {
        // Act
        var aliasOnly = Read(("OS_TENANT_ID", "t-1"), ("OS_TENANT_NAME", "legacy"));
        var both = Read(("OS_TENANT_ID", "t-1"), ("OS_PROJECT_ID", "p-1"), ("OS_TENANT_NAME", "legacy"), ("OS_PROJECT_NAME", "web"));

        // Assert
        Assert.Equal(("t-1", "legacy"), (aliasOnly.ProjectId, aliasOnly.ProjectName));
        Assert.Equal(("p-1", "web"), (both.ProjectId, both.ProjectName));
    }

    [Fact]
    public void EndpointType_IsTheDeprecatedSpellingOfInterface()
    {
        // Act
        var deprecatedOnly = Read(("OS_ENDPOINT_TYPE", "internal"));
        var both = Read(("OS_ENDPOINT_TYPE", "internal"), ("OS_INTERFACE", "public"));

        // Assert
        Assert.Equal("internal", deprecatedOnly.Interface);
        Assert.Equal("public", both.Interface);
    }

    [Theory]
    [InlineData("OS_DOMAIN_ID", "OS_DOMAIN_NAME")]
    [InlineData("OS_DEFAULT_DOMAIN_ID", "OS_DEFAULT_DOMAIN_NAME")]
    public void SharedDomainVariables_FillBothDomains(string idVariable, string nameVariable)
    {
        // Act
        var config = Read((idVariable, "default"), (nameVariable, "Default"), ("OS_USERNAME", "alice"));

        // Assert
        Assert.Equal(("default", "Default"), (config.UserDomainId, config.UserDomainName));
        Assert.Equal(("default", "Default"), (config.ProjectDomainId, config.ProjectDomainName));
    }

    [Fact]
    public void SharedDomain_DoesNotReplaceADomainThatIsGiven()
    {
        // Act
        var config = Read(("OS_DOMAIN_ID", "default"), ("OS_USER_DOMAIN_NAME", "Users"));

        // Assert
        Assert.Equal((null, "Users"), (config.UserDomainId, config.UserDomainName));
        Assert.Equal(("default", null), (config.ProjectDomainId, config.ProjectDomainName));
    }

    [Fact]
    public void DomainVariables_BeatDefaultDomainVariables()
    {
        // Act
        var config = Read(("OS_DEFAULT_DOMAIN_ID", "default"), ("OS_DOMAIN_NAME", "Corp"));

        // Assert
        Assert.Equal((null, "Corp"), (config.UserDomainId, config.UserDomainName));
        Assert.Equal((null, "Corp"), (config.ProjectDomainId, config.ProjectDomainName));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData("1", false)]
    [InlineData("on", false)]
    public void Insecure_IsTrueOnlyForTheWordTrue(string value, bool expected)
    {
        // Act
        var config = Read(("OS_INSECURE", value));

        // Assert
        Assert.Equal(expected, config.Insecure);
    }

    [Fact]
    public void Insecure_IsUnsaidWhenTheVariableIsAbsent()
    {
        // Act
        var config = Read(("OS_AUTH_URL", "https://keystone.example/v3"));

        // Assert
        Assert.Null(config.Insecure);
    }

    [Fact]
    public void SelectorsAlone_DoNotMakeACloud()
    {
        // Arrange
        var variables = new Dictionary<string, string?>
        {
            ["OS_CLOUD"] = "prod",
            ["OS_REGION_NAME"] = "HaNoi",
            ["OS_CLIENT_CONFIG_FILE"] = "/tmp/clouds.yaml",
            ["OS_CLIENT_SECURE_FILE"] = "/tmp/secure.yaml",
            ["OS_CLOUD_NAME"] = "mine",
            ["PATH"] = "/usr/bin",
        };

        // Act
        var config = OpenStackEnvironment.Read(variables);

        // Assert
        Assert.Null(config);
    }

    [Fact]
    public void ASelectorBesideOtherVariables_IsRead()
    {
        // Act
        var config = Read(("OS_REGION_NAME", "HaNoi"), ("OS_AUTH_URL", "https://keystone.example/v3"));

        // Assert
        Assert.Equal("HaNoi", config.RegionName);
    }

    [Fact]
    public void TestRunnerAndEmptyVariables_AreIgnored()
    {
        // Arrange
        var variables = new Dictionary<string, string?>
        {
            ["OS_TEST_TIMEOUT"] = "60",
            ["OS_STDOUT_CAPTURE"] = "1",
            ["OS_LOG_CAPTURE"] = "1",
            ["OS_PASSWORD"] = string.Empty,
            ["OS_USERNAME"] = null,
            ["os_username"] = "lower-case is not an OS_ variable",
        };

        // Act
        var config = OpenStackEnvironment.Read(variables);

        // Assert
        Assert.Null(config);
    }

    [Fact]
    public void CommaSeparatedRegion_UsesTheFirst()
    {
        // Act
        var config = Read(("OS_REGION_NAME", "HaNoi,HoChiMinh"), ("OS_USERNAME", "alice"));

        // Assert
        Assert.Equal("HaNoi", config.RegionName);
    }

    [Fact]
    public void RegionPlaceholderInTheAuthUrl_IsReplaced()
    {
        // Act
        var config = Read(("OS_AUTH_URL", "https://{region_name}.keystone.example/v3"), ("OS_REGION_NAME", "hn1"));

        // Assert
        Assert.Equal("https://hn1.keystone.example/v3", config.AuthUrl);
    }
}
