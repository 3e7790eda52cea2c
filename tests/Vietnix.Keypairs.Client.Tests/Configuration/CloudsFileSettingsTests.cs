using System;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>How one cloud entry reads: openstacksdk's spellings, overrides, domains, regions and values.</summary>
public sealed class CloudsFileSettingsTests : IDisposable
{
    private readonly ConfigScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private CloudConfig Load(string clouds, string? secure = null)
    {
        _scratch.Write(_scratch.User, "clouds.yaml", clouds);
        if (secure is not null)
        {
            _scratch.Write(_scratch.User, "secure.yaml", secure);
        }

        return CloudsFile.Load("prod", _scratch.Locations());
    }

    [Fact]
    public void HorizonProjectCloud_IsReadWithoutAPassword()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  auth_url: https://api.vietnix.cloud:5000/v3
                  username: "demo"
                  project_id: 8a3f2f3c9d8e4c0fb1b2a6c1d7e9f012
                  project_name: "demo-project"
                  user_domain_name: "Default"
                region_name: "HaNoi"
                interface: "public"
                identity_api_version: 3
            """);

        // Assert
        Assert.Equal("https://api.vietnix.cloud:5000/v3", config.AuthUrl);
        Assert.Equal("demo", config.Username);
        Assert.Equal("8a3f2f3c9d8e4c0fb1b2a6c1d7e9f012", config.ProjectId);
        Assert.Equal("demo-project", config.ProjectName);
        Assert.Equal("Default", config.UserDomainName);
        Assert.Equal("HaNoi", config.RegionName);
        Assert.Equal("public", config.Interface);
        Assert.False(config.HasCredential);
    }

    [Fact]
    public void HorizonApplicationCredentialCloud_IsRead()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  auth_url: https://api.vietnix.cloud:5000/v3
                  application_credential_id: "4c6d1f0a2b3e4d5f8a9b0c1d2e3f4a5b"
                  application_credential_secret: "app-secret"
                region_name: "HaNoi"
                interface: "public"
                identity_api_version: 3
                auth_type: "v3applicationcredential"
            """);

        // Assert
        Assert.Equal("v3applicationcredential", config.AuthType);
        Assert.Equal("4c6d1f0a2b3e4d5f8a9b0c1d2e3f4a5b", config.ApplicationCredentialId);
        Assert.Equal("app-secret", Secrets.Reveal(config.ApplicationCredentialSecret));
        Assert.True(config.HasCredential);
    }

    [Fact]
    public void DashedKeys_ReadLikeUnderscoredOnes()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  auth-url: https://keystone.example/v3
                  user-domain-name: Users
                  project-domain-id: pd-1
                  project-name: web
                  application-credential-name: ci
                region-name: HaNoi
                compute-api-version: 2.72
                compute-endpoint-override: https://nova.example/v2.1
            """);

        // Assert
        Assert.Equal("https://keystone.example/v3", config.AuthUrl);
        Assert.Equal("Users", config.UserDomainName);
        Assert.Equal("pd-1", config.ProjectDomainId);
        Assert.Equal("web", config.ProjectName);
        Assert.Equal("ci", config.ApplicationCredentialName);
        Assert.Equal("HaNoi", config.RegionName);
        Assert.Equal("2.72", config.ComputeApiVersion);
        Assert.Equal("https://nova.example/v2.1", config.ComputeEndpointOverride);
    }

    [Fact]
    public void ValuesOutsideAuth_OverrideThoseInside()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  auth_url: https://inside/v3
                  username: inside-user
                  password: inside-password
                  project_name: inside-project
                  user_domain_name: InsideDomain
                auth_url: https://outside/v3
                username: outside-user
                password: outside-password
                project_name: outside-project
                user_domain_name: OutsideDomain
            """);

        // Assert
        Assert.Equal("https://outside/v3", config.AuthUrl);
        Assert.Equal("outside-user", config.Username);
        Assert.Equal("outside-password", Secrets.Reveal(config.Password));
        Assert.Equal("outside-project", config.ProjectName);
        Assert.Equal("OutsideDomain", config.UserDomainName);
    }

    [Fact]
    public void TenantAndAuthTokenSpellings_AreAliases()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  tenant_name: legacy-project
                  tenant-id: t-1
                  auth-token: gAAAA-token
            """);

        // Assert
        Assert.Equal("legacy-project", config.ProjectName);
        Assert.Equal("t-1", config.ProjectId);
        Assert.Equal("gAAAA-token", Secrets.Reveal(config.Token));
    }

    [Fact]
    public void DomainId_FillsBothDomains()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  username: alice
                  project_name: web
                  domain_id: default
            """);

        // Assert
        Assert.Equal("default", config.UserDomainId);
        Assert.Equal("default", config.ProjectDomainId);
    }

    [Fact]
    public void DomainName_FillsOnlyTheDomainsNotGiven()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                domain_name: Corp
                auth:
                  project_name: web
                  project_domain_id: pd-1
            """);

        // Assert
        Assert.Equal((null, "Corp"), (config.UserDomainId, config.UserDomainName));
        Assert.Equal(("pd-1", null), (config.ProjectDomainId, config.ProjectDomainName));
    }

    [Fact]
    public void RegionsList_GivesTheFirstRegion()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                regions:
                  - HaNoi
                  - HoChiMinh
                region_name: Ignored
            """);

        // Assert
        Assert.Equal("HaNoi", config.RegionName);
    }

    [Fact]
    public void RegionMapping_GivesItsName_AndItsValuesOverrideTheCloud()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  auth_url: https://keystone.example/v3
                  username: alice
                interface: public
                regions:
                  - name: HaNoi
                    values:
                      interface: internal
                      auth:
                        auth_url: https://hn.keystone.example/v3
                  - HoChiMinh
            """);

        // Assert
        Assert.Equal("HaNoi", config.RegionName);
        Assert.Equal("internal", config.Interface);
        Assert.Equal("https://hn.keystone.example/v3", config.AuthUrl);
        Assert.Equal("alice", config.Username);
    }

    [Fact]
    public void RegionMappingWithoutAName_IsRefused()
    {
        // Act
        var exception = Assert.Throws<CloudConfigException>(() => Load("clouds:\n  prod:\n    regions:\n      - values: {interface: internal}\n"));

        // Assert
        Assert.Contains("'regions'", exception.Message);
        Assert.Contains("cloud 'prod'", exception.Message);
    }

    [Fact]
    public void RegionPlaceholder_IsReplacedInTheAuthUrl()
    {
        // Act
        var config = Load("""
            clouds:
              prod:
                auth:
                  auth_url: https://{region_name}.keystone.example/v3
                regions: [hn1, hcm1]
            """);

        // Assert
        Assert.Equal("https://hn1.keystone.example/v3", config.AuthUrl);
    }

    [Theory]
    [InlineData("2.72", "2.72")]
    [InlineData("2.70", "2.70")]
    [InlineData("2.1", "2.1")]
    [InlineData("'2.60'", "2.60")]
    [InlineData("2.latest", "2.latest")]
    public void NumberLikeValues_ComeBackAsTheExactText(string written, string expected)
    {
        // Act
        var config = Load($"clouds:\n  prod:\n    compute_api_version: {written}\n    auth:\n      project_id: 0123\n");

        // Assert
        Assert.Equal(expected, config.ComputeApiVersion);
        Assert.Equal("0123", config.ProjectId);
    }

    [Theory]
    [InlineData("verify: false", true)]
    [InlineData("verify: no", true)]
    [InlineData("verify: true", false)]
    [InlineData("insecure: true", true)]
    [InlineData("insecure: yes", true)]
    [InlineData("insecure: false", false)]
    [InlineData("{ verify: true, insecure: true }", true)]
    [InlineData("cacert: /etc/ca.pem", null)]
    public void VerifyAndInsecure_DecideInsecure(string settings, bool? expected)
    {
        // Arrange
        var entry = settings.StartsWith('{') ? settings : $"{{ {settings} }}";

        // Act
        var config = Load($"clouds:\n  prod: {entry}\n");

        // Assert
        Assert.Equal(expected, config.Insecure);
    }

    [Fact]
    public void Cacert_IsTheCaCertificateFile()
    {
        // Act
        var config = Load("clouds:\n  prod:\n    cacert: /etc/ssl/vietnix-ca.pem\n");

        // Assert
        Assert.Equal("/etc/ssl/vietnix-ca.pem", config.CaCertificateFile);
    }

    [Fact]
    public void AuthType_BeatsTheOldAuthPluginKey()
    {
        // Act
        var config = Load("clouds:\n  prod:\n    auth_plugin: v3password\n    auth_type: v3token\n");

        // Assert
        Assert.Equal("v3token", config.AuthType);
    }

    [Fact]
    public void YamlAnchorsAndMergeKeys_AreApplied()
    {
        // Act
        var config = Load("""
            shared: &vietnix
              auth:
                auth_url: https://api.vietnix.cloud:5000/v3
              region_name: HaNoi
            clouds:
              prod:
                <<: *vietnix
                interface: internal
            """);

        // Assert
        Assert.Equal("https://api.vietnix.cloud:5000/v3", config.AuthUrl);
        Assert.Equal("HaNoi", config.RegionName);
        Assert.Equal("internal", config.Interface);
    }

    [Fact]
    public void SecureFile_IsDeepMerged_AndWinsOnConflicts()
    {
        // Act
        var config = Load(
            clouds: """
                clouds:
                  prod:
                    auth:
                      auth_url: https://keystone.example/v3
                      username: alice
                      password: stale-password
                      project_name: web
                    region_name: HaNoi
                  other:
                    auth: {auth_url: https://other/v3}
                """,
            secure: """
                clouds:
                  prod:
                    auth:
                      password: fresh-password
                      user_domain_name: Users
                    region_name: HoChiMinh
                """);

        // Assert
        Assert.Equal("https://keystone.example/v3", config.AuthUrl);
        Assert.Equal("alice", config.Username);
        Assert.Equal("web", config.ProjectName);
        Assert.Equal("fresh-password", Secrets.Reveal(config.Password));
        Assert.Equal("Users", config.UserDomainName);
        Assert.Equal("HoChiMinh", config.RegionName);
        Assert.EndsWith("clouds.yaml (+ secure.yaml)", config.Source);
    }

    [Fact]
    public void SecureFileWithDashedKeys_StillOverridesUnderscoredOnes()
    {
        // Act
        var config = Load(
            clouds: "clouds:\n  prod:\n    auth:\n      project_name: old\n",
            secure: "clouds:\n  prod:\n    auth:\n      project-name: new\n");

        // Assert
        Assert.Equal("new", config.ProjectName);
    }

    [Fact]
    public void CloudNamesKeepTheirDashes()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", "clouds:\n  vietnix-prod:\n    region_name: HaNoi\n");

        // Act
        var config = CloudsFile.Load("vietnix-prod", _scratch.Locations());

        // Assert
        Assert.Equal("HaNoi", config.RegionName);
    }

    [Fact]
    public void DuplicateKeys_KeepTheLaterValue_AsPyYamlDoes()
    {
        // Act
        var config = Load("clouds:\n  prod:\n    region_name: HaNoi\n    region-name: HoChiMinh\n    interface: admin\n    interface: public\n");

        // Assert
        Assert.Equal("HoChiMinh", config.RegionName);
        Assert.Equal("public", config.Interface);
    }

    [Fact]
    public void ComplexKeysElsewhereInTheFile_DoNotStopItLoading()
    {
        // Act
        var config = Load("? [a]\n: 1\n? [b]\n: 2\nclouds:\n  prod:\n    region_name: HaNoi\n");

        // Assert
        Assert.Equal("HaNoi", config.RegionName);
    }

    [Fact]
    public void SecretsAreReadOnly()
    {
        // Act
        var config = Load("clouds:\n  prod:\n    auth:\n      password: p\n      application_credential_secret: s\n      token: t\n");

        // Assert
        Assert.True(config.Password!.IsReadOnly());
        Assert.True(config.ApplicationCredentialSecret!.IsReadOnly());
        Assert.True(config.Token!.IsReadOnly());
    }
}
