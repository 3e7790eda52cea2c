using System;
using System.Linq;
using System.Text;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>
/// A clouds.yaml someone else wrote (a cloned repository) must not crash or hang PowerShell: cycles,
/// alias and merge bombs and deep nesting are refused with a CloudConfigException, which a stack
/// overflow or an endless expansion never is.
/// </summary>
public sealed class HostileYamlTests : IDisposable
{
    private readonly ConfigScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("clouds: &loop\n  prod:\n    again: *loop\n")]
    [InlineData("clouds:\n  prod: &me [1, [2, *me]]\n")]
    [InlineData("clouds:\n  prod: &me\n    <<: *me\n")]
    public void AnAnchorThatContainsItsOwnAlias_IsRefusedAsACycle(string yaml)
    {
        // Arrange
        var path = _scratch.Write(_scratch.Current, "clouds.yaml", yaml);

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Contains(path, exception.Message);
        Assert.Contains("contain itself", exception.Message);
    }

    [Fact]
    public void AnAliasBomb_IsRefusedBeforeItIsExpanded()
    {
        // Arrange: nine levels of ten aliases each: 10^9 strings once expanded.
        var yaml = new StringBuilder("lol0: &lol0 [\"lol\"]\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"lol{level}: &lol{level} [{string.Join(", ", Enumerable.Repeat($"*lol{level - 1}", 10))}]\n");
        }

        yaml.Append("clouds:\n  prod:\n    bomb: *lol9\n");
        var path = _scratch.Write(_scratch.Current, "clouds.yaml", yaml.ToString());

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Contains(path, exception.Message);
        Assert.Contains($"more than {YamlSizeCheck.MaxNodes} values", exception.Message);
    }

    [Fact]
    public void AMergeKeyBomb_IsRefusedBeforeItIsExpanded()
    {
        // Arrange: each level merges the one before and holds it twice more under new keys.
        var yaml = new StringBuilder("m0: &m0 {a: 1, b: 2}\n");
        for (var level = 1; level <= 30; level++)
        {
            yaml.Append($"m{level}: &m{level} {{<<: *m{level - 1}, x{level}: *m{level - 1}, y{level}: *m{level - 1}}}\n");
        }

        yaml.Append("clouds:\n  prod:\n    <<: *m30\n");
        _scratch.Write(_scratch.Current, "clouds.yaml", yaml.ToString());

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Contains("'<<' merges", exception.Message);
    }

    [Fact]
    public void NestingDeeperThanAnyCloudsFile_IsRefused()
    {
        // Arrange
        var depth = 10_000;
        _scratch.Write(_scratch.Current, "clouds.yaml", "clouds:\n  prod: " + new string('[', depth) + new string(']', depth) + "\n");

        // Act
        var exception = Assert.Throws<CloudConfigException>(() => CloudsFile.Load("prod", _scratch.Locations()));

        // Assert
        Assert.Contains($"more than {YamlSizeCheck.MaxDepth} levels", exception.Message);
    }

    [Fact]
    public void AnchorsAndMergesOfAnOrdinaryFile_StillWork()
    {
        // Arrange: the usual use, shared settings merged into several clouds.
        var yaml = "base: &base\n  region_name: RegionOne\n  auth: &auth\n    auth_url: https://keystone.example.test/v3\n    username: demo\n"
            + "clouds:\n  prod:\n    <<: *base\n    auth:\n      <<: *auth\n      project_name: prod\n  dev:\n    <<: *base\n    region_name: RegionTwo\n";
        _scratch.Write(_scratch.Current, "clouds.yaml", yaml);

        // Act
        var cloud = CloudsFile.Load("prod", _scratch.Locations());

        // Assert
        Assert.Equal("RegionOne", cloud.RegionName);
        Assert.Equal("https://keystone.example.test/v3", cloud.AuthUrl);
        Assert.Equal("demo", cloud.Username);
        Assert.Equal("prod", cloud.ProjectName);
    }
}
