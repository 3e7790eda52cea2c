using System;
using System.Collections.Generic;
using System.IO;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>Which file is used: the first one found in openstacksdk's order, alone.</summary>
public sealed class CloudsFileSearchTests : IDisposable
{
    private readonly ConfigScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static string Cloud(string authUrl) => $"clouds:\n  prod:\n    auth:\n      auth_url: {authUrl}\n";

    private string UrlFromProd(ConfigFileLocations locations) => CloudsFile.Load("prod", locations).AuthUrl!;

    [Fact]
    public void OverrideFile_BeatsEveryOtherLocation()
    {
        // Arrange
        var named = _scratch.Write(_scratch.Elsewhere, "vietnix.yaml", Cloud("https://named/v3"));
        _scratch.Write(_scratch.Current, "clouds.yaml", Cloud("https://cwd/v3"));

        // Act
        var url = UrlFromProd(_scratch.Locations(("OS_CLIENT_CONFIG_FILE", named)));

        // Assert
        Assert.Equal("https://named/v3", url);
    }

    [Fact]
    public void CurrentDirectory_BeatsTheUserFolder()
    {
        // Arrange
        _scratch.Write(_scratch.Current, "clouds.yaml", Cloud("https://cwd/v3"));
        _scratch.Write(_scratch.User, "clouds.yaml", Cloud("https://user/v3"));

        // Act
        var url = UrlFromProd(_scratch.Locations());

        // Assert
        Assert.Equal("https://cwd/v3", url);
    }

    [Fact]
    public void UserFolder_BeatsHomeConfig()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", Cloud("https://user/v3"));
        _scratch.Write(_scratch.HomeConfig, "clouds.yaml", Cloud("https://home/v3"));

        // Act
        var url = UrlFromProd(_scratch.Locations());

        // Assert
        Assert.Equal("https://user/v3", url);
    }

    [Fact]
    public void HomeConfig_BeatsTheSiteFolder()
    {
        // Arrange
        _scratch.Write(_scratch.HomeConfig, "clouds.yaml", Cloud("https://home/v3"));
        _scratch.Write(_scratch.Site, "clouds.yaml", Cloud("https://site/v3"));

        // Act
        var url = UrlFromProd(_scratch.Locations());

        // Assert
        Assert.Equal("https://home/v3", url);
    }

    [Fact]
    public void SiteFolder_IsUsedWhenNothingElseExists()
    {
        // Arrange
        _scratch.Write(_scratch.Site, "clouds.yaml", Cloud("https://site/v3"));

        // Act
        var url = UrlFromProd(_scratch.Locations());

        // Assert
        Assert.Equal("https://site/v3", url);
    }

    [Fact]
    public void InOneFolder_YamlBeatsYml_AndYmlBeatsJson()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yml", Cloud("https://yml/v3"));
        _scratch.Write(_scratch.User, "clouds.json", """{"clouds": {"prod": {"auth": {"auth_url": "https://json/v3"}}}}""");

        // Act
        var ymlOverJson = UrlFromProd(_scratch.Locations());
        _scratch.Write(_scratch.User, "clouds.yaml", Cloud("https://yaml/v3"));
        var yamlOverYml = UrlFromProd(_scratch.Locations());

        // Assert
        Assert.Equal("https://yml/v3", ymlOverJson);
        Assert.Equal("https://yaml/v3", yamlOverYml);
    }

    [Fact]
    public void FirstFileWins_ACloudOnlyInALaterLocationIsNotFound()
    {
        // Arrange
        _scratch.Write(_scratch.Current, "clouds.yaml", Cloud("https://cwd/v3"));
        _scratch.Write(_scratch.HomeConfig, "clouds.yaml", "clouds:\n  staging:\n    auth:\n      auth_url: https://home/v3\n");

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("staging", _scratch.Locations()));

        // Assert
        Assert.Contains("'prod'", exception.Message);
    }

    [Fact]
    public void JsonFile_IsRead()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.json", """
            {"clouds": {"prod": {"auth": {"auth_url": "https://json/v3", "username": "alice"},
                                 "compute_api_version": 2.70, "verify": false}}}
            """);

        // Act
        var config = CloudsFile.Load("prod", _scratch.Locations());

        // Assert
        Assert.Equal("https://json/v3", config.AuthUrl);
        Assert.Equal("alice", config.Username);
        Assert.Equal("2.70", config.ComputeApiVersion);
        Assert.True(config.Insecure);
    }

    [Fact]
    public void UnreadableFile_IsSkippedWithAWarning_AndTheNextLocationIsUsed()
    {
        // Arrange
        var unreadable = _scratch.Write(_scratch.Current, "clouds.yaml", Cloud("https://cwd/v3"));
        _scratch.Write(_scratch.User, "clouds.yaml", Cloud("https://user/v3"));
        var warnings = new List<string>();

        // Act
        string? url;
        using (UnreadableFile.Make(unreadable))
        {
            url = CloudsFile.Load("prod", _scratch.Locations(), warnings.Add).AuthUrl;
        }

        // Assert
        Assert.Equal("https://user/v3", url);
        var warning = Assert.Single(warnings);
        Assert.Contains(unreadable, warning);
        Assert.Contains("cannot be read", warning);
    }

    [Fact]
    public void SecureFileElsewhere_GivesNoSecretToAnAuthUrlFromAnotherFolder_AndSaysSo()
    {
        // Arrange: a cloned repository's clouds.yaml in the current folder, the user's password in ~/.config/openstack.
        var clouds = _scratch.Write(_scratch.Current, "clouds.yaml", Cloud("https://someone-else/v3"));
        var secure = _scratch.Write(_scratch.HomeConfig, "secure.yaml", "clouds:\n  prod:\n    auth:\n      password: from-secure\n      username: alice\n");
        var warnings = new List<string>();

        // Act
        var config = CloudsFile.Load("prod", _scratch.Locations(), warnings.Add);

        // Assert
        Assert.Null(config.Password);
        Assert.False(config.HasCredential);
        Assert.Equal("alice", config.Username);
        Assert.Equal("https://someone-else/v3", config.AuthUrl);
        Assert.Equal($"cloud 'prod' in {clouds} (+ {secure})", config.Source);
        var warning = Assert.Single(warnings);
        Assert.Contains(secure, warning);
        Assert.Contains(clouds, warning);
        Assert.DoesNotContain("from-secure", warning);
    }

    [Theory]
    [InlineData("password: from-secure")]
    [InlineData("application_credential_secret: from-secure")]
    [InlineData("token: from-secure")]
    public void EverySecretBesideAuthIsLeftOutToo(string secretLine)
    {
        _scratch.Write(_scratch.Current, "clouds.yaml", Cloud("https://someone-else/v3"));
        _scratch.Write(_scratch.HomeConfig, "secure.yaml", $"clouds:\n  prod:\n    {secretLine}\n");

        var config = CloudsFile.Load("prod", _scratch.Locations());

        Assert.False(config.HasCredential);
    }

    [Fact]
    public void SecureFileElsewhere_ThatGivesTheAuthUrlToo_DecidesWhereItsSecretGoes()
    {
        // Arrange
        _scratch.Write(_scratch.Current, "clouds.yaml", Cloud("https://someone-else/v3"));
        _scratch.Write(_scratch.HomeConfig, "secure.yaml", "clouds:\n  prod:\n    auth:\n      auth_url: https://mine/v3\n      password: from-secure\n");

        // Act
        var config = CloudsFile.Load("prod", _scratch.Locations());

        // Assert
        Assert.Equal("from-secure", Secrets.Reveal(config.Password));
        Assert.Equal("https://mine/v3", config.AuthUrl);
    }

    [Fact]
    public void SecureFileBesideClouds_IsMergedWhole()
    {
        // Arrange
        var clouds = _scratch.Write(_scratch.HomeConfig, "clouds.yaml", Cloud("https://home/v3"));
        _scratch.Write(_scratch.HomeConfig, "secure.yaml", "clouds:\n  prod:\n    auth:\n      password: from-secure\n");
        var warnings = new List<string>();

        // Act
        var config = CloudsFile.Load("prod", _scratch.Locations(), warnings.Add);

        // Assert
        Assert.Equal("from-secure", Secrets.Reveal(config.Password));
        Assert.Equal($"cloud 'prod' in {clouds} (+ secure.yaml)", config.Source);
        Assert.Empty(warnings);
    }

    [Fact]
    public void SecureOverrideFile_BeatsTheSecureFileBesideClouds()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", Cloud("https://user/v3"));
        _scratch.Write(_scratch.User, "secure.yaml", "clouds:\n  prod:\n    auth:\n      password: beside\n");
        var named = _scratch.Write(_scratch.Elsewhere, "vault-export.yaml", "clouds:\n  prod:\n    auth:\n      auth_url: https://user/v3\n      password: named\n");

        // Act
        var config = CloudsFile.Load("prod", _scratch.Locations(("OS_CLIENT_SECURE_FILE", named)));

        // Assert
        Assert.Equal("named", Secrets.Reveal(config.Password));
    }

    [Fact]
    public void ACloudDefinedOnlyInTheSecureFile_IsFound()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", "clouds:\n  prod: {}\n  dev: {}\n");
        _scratch.Write(_scratch.User, "secure.yaml", "clouds:\n  dev:\n    auth: {password: x}\n  lab:\n    auth: {password: y}\n");

        // Act
        var config = CloudsFile.Load("lab", _scratch.Locations());

        // Assert
        Assert.Equal("y", Secrets.Reveal(config.Password));
    }

    [Fact]
    public void FilesOutsideTheSearchedPlaces_AreNotRead()
    {
        // Arrange
        _scratch.Write(_scratch.Elsewhere, "clouds.yaml", Cloud("https://elsewhere/v3"));

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.DoesNotContain(Path.Combine(_scratch.Elsewhere, "clouds.yaml"), exception.Message);
        Assert.StartsWith("No clouds.yaml was found.", exception.Message);
    }
}
