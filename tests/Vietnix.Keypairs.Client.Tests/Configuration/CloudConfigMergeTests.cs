using System.Security;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

public class CloudConfigMergeTests
{
    private static SecureString Secure(string text)
    {
        var secret = new SecureString();
        foreach (var character in text)
        {
            secret.AppendChar(character);
        }

        return secret;
    }

    private static readonly CloudConfig FileCloud = new()
    {
        AuthUrl = "https://file/v3",
        AuthType = "password",
        Username = "file-user",
        Password = Secure("file-password"),
        UserDomainName = "FileDomain",
        ProjectName = "file-project",
        ProjectDomainId = "file-pd",
        RegionName = "HaNoi",
        Interface = "public",
        ComputeApiVersion = "2.72",
        CaCertificateFile = "/file/ca.pem",
        Insecure = false,
        Source = "cloud 'prod' in /home/u/.config/openstack/clouds.yaml",
    };

    [Fact]
    public void ANameGivenAboveBeatsAnIdBelow_ForTheProjectAndBothDomains()
    {
        // Arrange: an openrc leaves ids; the caller names things.
        var openrc = new CloudConfig { ProjectId = "p-id", UserDomainId = "ud-id", ProjectDomainId = "pd-id", Source = "the OS_* environment variables" };
        var parameters = new CloudConfig { ProjectName = "admin", UserDomainName = "Users", ProjectDomainName = "Projects", Source = "parameters" };

        // Act
        var merged = CloudConfig.Merge(parameters, openrc);

        // Assert
        Assert.Equal(("admin", null), (merged.ProjectName, merged.ProjectId));
        Assert.Equal(("Users", null), (merged.UserDomainName, merged.UserDomainId));
        Assert.Equal(("Projects", null), (merged.ProjectDomainName, merged.ProjectDomainId));
    }

    [Fact]
    public void HigherWins_FieldByField_AndLowerFillsTheGaps()
    {
        // Arrange
        var parameters = new CloudConfig { ProjectName = "param-project", RegionName = "HoChiMinh", Insecure = true, Source = "parameters" };

        // Act
        var merged = CloudConfig.Merge(parameters, FileCloud);

        // Assert
        Assert.Equal("param-project", merged.ProjectName);
        Assert.Equal("HoChiMinh", merged.RegionName);
        Assert.True(merged.Insecure);
        Assert.Equal("https://file/v3", merged.AuthUrl);
        Assert.Equal("FileDomain", merged.UserDomainName);
        Assert.Equal("file-pd", merged.ProjectDomainId);
        Assert.Equal("public", merged.Interface);
        Assert.Equal("2.72", merged.ComputeApiVersion);
        Assert.Equal("/file/ca.pem", merged.CaCertificateFile);
    }

    [Fact]
    public void Source_NamesBothInOrder()
    {
        // Act
        var merged = CloudConfig.Merge(new CloudConfig { Source = "parameters" }, FileCloud);

        // Assert
        Assert.Equal("parameters, then cloud 'prod' in /home/u/.config/openstack/clouds.yaml", merged.Source);
    }

    [Fact]
    public void HigherCredential_ComesWhole_WithoutTheLowerUserName()
    {
        // Arrange: an application credential over a file with a user and password.
        var environment = new CloudConfig
        {
            AuthType = "v3applicationcredential",
            ApplicationCredentialId = "ac-1",
            ApplicationCredentialSecret = Secure("ac-secret"),
            Source = OpenStackEnvironment.Source,
        };

        // Act
        var merged = CloudConfig.Merge(environment, FileCloud);

        // Assert
        Assert.Equal("v3applicationcredential", merged.AuthType);
        Assert.Equal("ac-1", merged.ApplicationCredentialId);
        Assert.Equal("ac-secret", Secrets.Reveal(merged.ApplicationCredentialSecret));
        Assert.Null(merged.Username);
        Assert.Null(merged.Password);
        Assert.Equal("https://file/v3", merged.AuthUrl);
    }

    [Fact]
    public void HigherUserNameWithoutASecret_DoesNotPairWithTheLowerPassword()
    {
        // Arrange
        var parameters = new CloudConfig { Username = "bob", Source = "parameters" };

        // Act
        var merged = CloudConfig.Merge(parameters, FileCloud);

        // Assert
        Assert.Equal(("file-user", "file-password"), (merged.Username, Secrets.Reveal(merged.Password)));
        Assert.Equal("password", merged.AuthType);
    }

    [Fact]
    public void HigherPasswordCredential_ReplacesTheLowerUserAndAuthType()
    {
        // Arrange
        var parameters = new CloudConfig { UserId = "u-42", Password = Secure("param-password"), Source = "parameters" };
        var token = new CloudConfig { AuthType = "v3token", Username = "old", Token = Secure("gAAAA"), Source = "env" };

        // Act
        var merged = CloudConfig.Merge(parameters, token);

        // Assert
        Assert.Equal("u-42", merged.UserId);
        Assert.Equal("param-password", Secrets.Reveal(merged.Password));
        Assert.Null(merged.Username);
        Assert.Null(merged.Token);
        Assert.Null(merged.AuthType);
    }

    [Fact]
    public void WithNoSecretOnEitherSide_NamesMergeFieldByField()
    {
        // Arrange: a Horizon clouds.yaml without a password, under a user name given explicitly.
        var parameters = new CloudConfig { Username = "bob", Source = "parameters" };
        var horizon = new CloudConfig { AuthType = "password", UserId = "u-1", Username = "alice", Source = "cloud 'prod'" };

        // Act
        var merged = CloudConfig.Merge(parameters, horizon);

        // Assert
        Assert.Equal(("bob", "u-1", "password"), (merged.Username, merged.UserId, merged.AuthType));
        Assert.False(merged.HasCredential);
    }

    [Fact]
    public void RegionFromTheHigherSource_IsSubstitutedIntoTheLowerAuthUrlTemplate()
    {
        // Arrange
        var environment = OpenStackEnvironment.Read(new System.Collections.Generic.Dictionary<string, string?>
        {
            ["OS_AUTH_URL"] = "https://{region_name}.keystone.example/v3",
            ["OS_REGION_NAME"] = "hn1",
        })!;
        var parameters = new CloudConfig { RegionName = "hcm1", Source = "parameters" };

        // Act
        var merged = CloudConfig.Merge(parameters, environment);

        // Assert
        Assert.Equal("https://hn1.keystone.example/v3", environment.AuthUrl);
        Assert.Equal("https://hcm1.keystone.example/v3", merged.AuthUrl);
    }

    [Fact]
    public void SecretsGivenToACloudConfig_AreReadOnlyCopies()
    {
        // Arrange
        var password = Secure("original");

        // Act
        var config = new CloudConfig { Password = password };
        password.AppendChar('!');
        password.Dispose();

        // Assert
        Assert.Equal("original", Secrets.Reveal(config.Password));
        Assert.True(config.Password!.IsReadOnly());
    }

    [Fact]
    public void EmptySecrets_AreNoCredential()
    {
        // Act
        var config = new CloudConfig { Password = new SecureString(), Token = new SecureString() };

        // Assert
        Assert.Null(config.Password);
        Assert.False(config.HasCredential);
    }

    [Fact]
    public void MergedConfig_ShowsNoSecretInSourceOrText()
    {
        // Arrange
        var parameters = new CloudConfig { Username = "bob", Password = Secure("hunter2-param"), Source = "parameters" };

        // Act
        var merged = CloudConfig.Merge(parameters, FileCloud);

        // Assert
        foreach (var text in new[] { merged.Source, merged.ToString() })
        {
            Assert.DoesNotContain("hunter2-param", text);
            Assert.DoesNotContain("file-password", text);
        }

        Assert.Contains("a password", merged.ToString());
    }
}
