using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>What a user has after `source demo-openrc.sh` from Horizon must read as Horizon meant it.</summary>
public class HorizonOpenrcTests
{
    [Fact]
    public void PasswordOpenrc_ReadsProjectIdAndName_UserDomainName_ProjectDomainId_AndTheTypedPassword()
    {
        // Arrange
        var environment = HorizonOpenrc.Source(HorizonOpenrc.PasswordScript, HorizonOpenrc.TypedPassword);

        // Act
        var config = OpenStackEnvironment.Read(environment);

        // Assert
        Assert.NotNull(config);
        Assert.Equal("https://api.vietnix.cloud:5000/v3", config.AuthUrl);
        Assert.Equal("8a3f2f3c9d8e4c0fb1b2a6c1d7e9f012", config.ProjectId);
        Assert.Equal("demo-project", config.ProjectName);
        Assert.Equal((null, "Default"), (config.UserDomainId, config.UserDomainName));
        Assert.Equal(("default", null), (config.ProjectDomainId, config.ProjectDomainName));
        Assert.Equal("demo", config.Username);
        Assert.Equal(HorizonOpenrc.TypedPassword, Secrets.Reveal(config.Password));
        Assert.Equal("HaNoi", config.RegionName);
        Assert.Equal("public", config.Interface);
        Assert.Null(config.AuthType);
        Assert.Null(config.ApplicationCredentialId);
        Assert.Null(config.Token);
    }

    [Fact]
    public void ApplicationCredentialOpenrc_ReadsTheCredentialAndNoUserOrProject()
    {
        // Arrange
        var environment = HorizonOpenrc.Source(HorizonOpenrc.ApplicationCredentialScript, string.Empty);

        // Act
        var config = OpenStackEnvironment.Read(environment);

        // Assert
        Assert.NotNull(config);
        Assert.Equal("v3applicationcredential", config.AuthType);
        Assert.Equal("https://api.vietnix.cloud:5000/v3", config.AuthUrl);
        Assert.Equal("4c6d1f0a2b3e4d5f8a9b0c1d2e3f4a5b", config.ApplicationCredentialId);
        Assert.Equal(HorizonOpenrc.ApplicationCredentialSecret, Secrets.Reveal(config.ApplicationCredentialSecret));
        Assert.Equal("HaNoi", config.RegionName);
        Assert.Equal("public", config.Interface);
        Assert.Null(config.Username);
        Assert.Null(config.Password);
        Assert.Null(config.ProjectId);
        Assert.Null(config.ProjectName);
    }
}
