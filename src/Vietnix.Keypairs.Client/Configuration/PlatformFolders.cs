using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// The per-OS folders openstacksdk gets from platformdirs (app name "openstack", author "OpenStack"),
/// plus /etc/openstack, which openstacksdk always searches last.
/// </summary>
internal sealed class PlatformFolders
{
    private const string UnixSiteFolder = "/etc/openstack";

    public PlatformFolders(IReadOnlyList<string> userConfig, IReadOnlyList<string> site)
    {
        UserConfig = userConfig ?? throw new ArgumentNullException(nameof(userConfig));
        Site = site ?? throw new ArgumentNullException(nameof(site));
    }

    /// <summary>The user's config folder(s), searched after the current directory.</summary>
    public IReadOnlyList<string> UserConfig { get; }

    /// <summary>The machine-wide folder(s), searched last.</summary>
    public IReadOnlyList<string> Site { get; }

    public static PlatformFolders Current(IReadOnlyDictionary<string, string?> environment)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return ForWindows(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
                Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData));
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ForMacOS(environment) : ForUnix(environment);
    }

    /// <summary>The user's home as Python's expanduser("~") finds it.</summary>
    internal static string HomeDirectory(IReadOnlyDictionary<string, string?> environment)
    {
        var variable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "USERPROFILE" : "HOME";
        return NonBlank(environment, variable) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    internal static PlatformFolders ForWindows(string localAppData, string programData) =>
        new([Path.Combine(localAppData, "OpenStack", "openstack")], [Path.Combine(programData, "OpenStack", "openstack")]);

    internal static PlatformFolders ForUnix(IReadOnlyDictionary<string, string?> environment) =>
        WithXdg(environment, Path.Combine(HomeDirectory(environment), ".config"), "/etc/xdg");

    // Recent platformdirs let XDG variables override the macOS folders too.
    internal static PlatformFolders ForMacOS(IReadOnlyDictionary<string, string?> environment) =>
        WithXdg(environment, Path.Combine(HomeDirectory(environment), "Library", "Application Support"), "/Library/Application Support");

    private static PlatformFolders WithXdg(IReadOnlyDictionary<string, string?> environment, string defaultUserBase, string defaultSiteBase)
    {
        var userBase = NonBlank(environment, "XDG_CONFIG_HOME") ?? defaultUserBase;

        // platformdirs joins several XDG_CONFIG_DIRS into one string that openstacksdk then uses as a single
        // folder, which only works for one entry; each entry is searched here instead.
        var siteBases = (NonBlank(environment, "XDG_CONFIG_DIRS") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Where(folder => folder.Trim().Length > 0)
            .DefaultIfEmpty(defaultSiteBase);

        return new(
            [Path.Combine(userBase, "openstack")],
            [.. siteBases.Select(folder => Path.Combine(folder, "openstack")), UnixSiteFolder]);
    }

    private static string? NonBlank(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && value is not null && value.Trim().Length > 0 ? value : null;
}
