using System.Collections.Generic;
using System.IO;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>platformdirs' answers for PlatformDirs('openstack', 'OpenStack', multipath=True), per OS.</summary>
public class PlatformFoldersTests
{
    private static Dictionary<string, string?> Home(string home) => new() { ["HOME"] = home, ["USERPROFILE"] = home };

    [Fact]
    public void Unix_UsesDotConfig_ThenEtcXdg_ThenEtcOpenstack()
    {
        // Act
        var folders = PlatformFolders.ForUnix(Home("/home/u"));

        // Assert
        Assert.Equal([Path.Combine("/home/u", ".config", "openstack")], folders.UserConfig);
        Assert.Equal([Path.Combine("/etc/xdg", "openstack"), "/etc/openstack"], folders.Site);
    }

    [Fact]
    public void Unix_FollowsXdgVariables()
    {
        // Arrange
        var environment = Home("/home/u");
        environment["XDG_CONFIG_HOME"] = "/home/u/conf";
        environment["XDG_CONFIG_DIRS"] = $"/opt/xdg{Path.PathSeparator} {Path.PathSeparator}/usr/etc/xdg";

        // Act
        var folders = PlatformFolders.ForUnix(environment);

        // Assert
        Assert.Equal([Path.Combine("/home/u/conf", "openstack")], folders.UserConfig);
        Assert.Equal([Path.Combine("/opt/xdg", "openstack"), Path.Combine("/usr/etc/xdg", "openstack"), "/etc/openstack"], folders.Site);
    }

    [Fact]
    public void MacOS_UsesApplicationSupport()
    {
        // Act
        var folders = PlatformFolders.ForMacOS(Home("/Users/u"));

        // Assert
        Assert.Equal([Path.Combine("/Users/u", "Library", "Application Support", "openstack")], folders.UserConfig);
        Assert.Equal([Path.Combine("/Library/Application Support", "openstack"), "/etc/openstack"], folders.Site);
    }

    [Fact]
    public void Windows_UsesLocalAppDataAndProgramData_UnderTheAuthorFolder()
    {
        // Act
        var folders = PlatformFolders.ForWindows("/Users/u/AppData/Local", "/ProgramData");

        // Assert
        Assert.Equal([Path.Combine("/Users/u/AppData/Local", "OpenStack", "openstack")], folders.UserConfig);
        Assert.Equal([Path.Combine("/ProgramData", "OpenStack", "openstack")], folders.Site);
    }
}
