using System.Collections.Generic;
using System.IO;
using System.Linq;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

public class ConfigFileLocationsTests
{
    private static readonly PlatformFolders Folders = new([Path.Combine("/u", "openstack")], [Path.Combine("/site", "openstack"), "/etc/openstack"]);

    private static string[] InEach(string baseName, params string[] folders) =>
        [.. folders.SelectMany(folder => new[] { ".yaml", ".yml", ".json" }.Select(extension => Path.Combine(folder, baseName + extension)))];

    [Fact]
    public void CloudFiles_AreCurrentDirectory_UserFolder_HomeConfig_ThenSite_EachWithThreeNames()
    {
        // Arrange
        var environment = new Dictionary<string, string?> { ["HOME"] = "/h", ["USERPROFILE"] = "/h" };

        // Act
        var locations = ConfigFileLocations.For(environment, "/work", Folders);

        // Assert
        var expected = InEach("clouds", "/work", Path.Combine("/u", "openstack"), Path.Combine("/h", ".config", "openstack"), Path.Combine("/site", "openstack"), "/etc/openstack");
        Assert.Equal(expected, locations.CloudFiles);
        Assert.Equal(expected.Select(path => path.Replace("clouds.", "secure.")), locations.SecureFiles);
    }

    [Fact]
    public void OverrideVariables_PutTheirFilesFirst_RelativeToTheCurrentDirectory()
    {
        // Arrange
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = "/h",
            ["USERPROFILE"] = "/h",
            ["OS_CLIENT_CONFIG_FILE"] = "/etc/vietnix/my-clouds.yaml",
            ["OS_CLIENT_SECURE_FILE"] = "my-secure.yaml",
        };

        // Act
        var locations = ConfigFileLocations.For(environment, "/work", Folders);

        // Assert
        Assert.Equal("/etc/vietnix/my-clouds.yaml", locations.CloudFiles[0]);
        Assert.Equal(Path.Combine("/work", "clouds.yaml"), locations.CloudFiles[1]);
        Assert.Equal(Path.Combine("/work", "my-secure.yaml"), locations.SecureFiles[0]);
        Assert.Equal(Path.Combine("/work", "secure.yaml"), locations.SecureFiles[1]);
    }

    [Fact]
    public void SnapRealHome_IsUsedForTheHomeConfigFolder()
    {
        // Arrange
        var environment = new Dictionary<string, string?> { ["HOME"] = "/h/snap/openstackclients/7", ["USERPROFILE"] = "/h/snap/openstackclients/7", ["SNAP_REAL_HOME"] = "/h" };

        // Act
        var locations = ConfigFileLocations.For(environment, "/work", Folders);

        // Assert
        Assert.Contains(Path.Combine("/h", ".config", "openstack", "clouds.yaml"), locations.CloudFiles);
        Assert.DoesNotContain(locations.CloudFiles, path => path.Contains("snap"));
    }

    [Fact]
    public void AFolderReachedTwice_IsSearchedOnce()
    {
        // Arrange: on Linux the user folder usually is ~/.config/openstack.
        var environment = new Dictionary<string, string?> { ["HOME"] = "/h", ["USERPROFILE"] = "/h" };
        var folders = new PlatformFolders([Path.Combine("/h", ".config", "openstack")], ["/etc/openstack"]);

        // Act
        var locations = ConfigFileLocations.For(environment, "/work", folders);

        // Assert
        Assert.Equal(InEach("clouds", "/work", Path.Combine("/h", ".config", "openstack"), "/etc/openstack"), locations.CloudFiles);
    }
}
