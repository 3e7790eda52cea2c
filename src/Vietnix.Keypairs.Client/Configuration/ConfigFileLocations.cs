using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// Where clouds.yaml and secure.yaml are looked for, in openstacksdk's order: the file named by
/// OS_CLIENT_CONFIG_FILE (OS_CLIENT_SECURE_FILE), then clouds (secure) .yaml, .yml and .json in the current
/// directory, the user config folder(s), ~/.config/openstack and the site folder(s).
/// </summary>
internal sealed class ConfigFileLocations
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public ConfigFileLocations(IReadOnlyList<string> cloudFiles, IReadOnlyList<string> secureFiles)
    {
        CloudFiles = cloudFiles ?? throw new ArgumentNullException(nameof(cloudFiles));
        SecureFiles = secureFiles ?? throw new ArgumentNullException(nameof(secureFiles));
    }

    public IReadOnlyList<string> CloudFiles { get; }

    public IReadOnlyList<string> SecureFiles { get; }

    public static ConfigFileLocations For(IReadOnlyDictionary<string, string?> environment, string currentDirectory, PlatformFolders folders)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        if (folders is null)
        {
            throw new ArgumentNullException(nameof(folders));
        }

        // Under snap, HOME is the snap's own folder and SNAP_REAL_HOME the user's.
        var home = environment.TryGetValue("SNAP_REAL_HOME", out var snapHome) && snapHome is { Length: > 0 }
            ? snapHome
            : PlatformFolders.HomeDirectory(environment);
        var folderList = new[] { currentDirectory }
            .Concat(folders.UserConfig)
            .Append(Path.Combine(home, ".config", "openstack"))
            .Concat(folders.Site)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        return new(
            Candidates(environment, "OS_CLIENT_CONFIG_FILE", currentDirectory, folderList, "clouds"),
            Candidates(environment, "OS_CLIENT_SECURE_FILE", currentDirectory, folderList, "secure"));
    }

    private static List<string> Candidates(IReadOnlyDictionary<string, string?> environment, string overrideVariable, string currentDirectory, IEnumerable<string> folders, string baseName)
    {
        var searched = folders.SelectMany(folder => Extensions.Select(extension => Path.Combine(folder, baseName + extension)));
        return environment.TryGetValue(overrideVariable, out var file) && file is { Length: > 0 }
            ? [Path.Combine(currentDirectory, file), .. searched]
            : [.. searched];
    }
}
