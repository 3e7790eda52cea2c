using System;
using System.Collections.Generic;
using System.IO;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>Failures say what was searched or defined, and where a file is broken, and never show a secret.</summary>
public sealed class CloudsFileErrorTests : IDisposable
{
    private const string Secret = "correct-horse-battery-staple";

    private readonly ConfigScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void NoFile_ListsEverySearchedPath_AndExplainsOsClientConfigFile()
    {
        // Arrange
        var locations = _scratch.Locations();

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", locations));

        // Assert
        Assert.All(locations.CloudFiles, path => Assert.Contains(path, exception.Message));
        Assert.Contains(Path.Combine(_scratch.Current, "clouds.yaml"), exception.Message);
        Assert.Contains(Path.Combine(_scratch.Site, "clouds.json"), exception.Message);
        Assert.Contains("OS_CLIENT_CONFIG_FILE", exception.Message);
    }

    [Fact]
    public void UnknownCloud_NamesTheFileAndTheCloudsItHas()
    {
        // Arrange
        var path = _scratch.Write(_scratch.User, "clouds.yaml", $"clouds:\n  dev:\n    auth: {{password: {Secret}}}\n  staging: {{}}\n");

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Equal($"No cloud named 'prod' in {path}. The clouds there are 'dev', 'staging'.", exception.Message);
    }

    [Fact]
    public void UnknownCloud_InAFileWithNoClouds_SaysSo_AndWarns()
    {
        // Arrange
        var path = _scratch.Write(_scratch.User, "clouds.yaml", "client:\n  force_ipv4: true\n");
        var warnings = new List<string>();

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations(), warnings.Add));

        // Assert
        Assert.EndsWith("It defines no clouds.", exception.Message);
        Assert.Equal([$"{path} has no 'clouds' key."], warnings);
    }

    [Fact]
    public void BadYaml_NamesTheFileAndLine_WithoutTheSecretNearIt()
    {
        // Arrange
        var path = _scratch.Write(_scratch.User, "secure.yaml", $"clouds:\n  prod:\n    auth:\n      password: {Secret}\n     username: [alice\n");
        _scratch.Write(_scratch.User, "clouds.yaml", "clouds:\n  prod: {}\n");

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.StartsWith($"{path} is not valid YAML: line 5,", exception.Message);
        Assert.DoesNotContain(Secret, exception.Message);
    }

    [Fact]
    public void UnterminatedQuotedSecret_IsNotEchoed()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", $"clouds:\n  prod:\n    auth:\n      password: \"{Secret}\n");

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Contains("is not valid YAML: line", exception.Message);
        Assert.DoesNotContain(Secret, exception.Message);
    }

    [Fact]
    public void MergeKeyToAMissingAnchor_IsAConfigError()
    {
        // Arrange
        var path = _scratch.Write(_scratch.User, "clouds.yaml", "clouds:\n  prod:\n    <<: *nowhere\n");

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.StartsWith($"{path} is not valid YAML", exception.Message);
    }

    [Theory]
    [InlineData("- just\n- a list\n", "must be a YAML mapping")]
    [InlineData("clouds:\n  - prod\n", "'clouds' in")]
    [InlineData("clouds:\n  prod: just text\n", "must be a mapping of settings")]
    public void WrongShapes_AreExplained(string text, string expected)
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", text);

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Contains(expected, exception.Message);
    }

    [Fact]
    public void ListWhereASecretBelongs_NamesTheKeyButNotTheValue()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", $"clouds:\n  prod:\n    auth:\n      password: [{Secret}]\n");

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Contains("'password'", exception.Message);
        Assert.DoesNotContain(Secret, exception.Message);
    }

    [Fact]
    public void LoadedConfig_ShowsNoSecretInSourceOrText()
    {
        // Arrange
        _scratch.Write(_scratch.User, "clouds.yaml", "clouds:\n  prod:\n    auth:\n      username: alice\n");
        _scratch.Write(_scratch.User, "secure.yaml", $"clouds:\n  prod:\n    auth:\n      password: {Secret}\n      application_credential_secret: {Secret}\n      token: {Secret}\n");

        // Act
        var config = CloudsFile.Load("prod", _scratch.Locations());

        // Assert
        Assert.Equal(Secret, Secrets.Reveal(config.Password));
        Assert.DoesNotContain(Secret, config.Source);
        Assert.DoesNotContain(Secret, config.ToString());
    }
}
