using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// Named clouds from clouds.yaml as openstacksdk loads them: the first clouds file found is used alone
/// (files in later locations are not merged in), and the first secure file found is deep-merged over it.
/// </summary>
public static class CloudsFile
{
    /// <exception cref="CloudConfigException">No clouds file exists, the cloud is not in it, or a file is not valid YAML.</exception>
    public static CloudConfig Load(string cloudName, ConfigFileLocations locations, Action<string>? warn = null)
    {
        if (cloudName is null)
        {
            throw new ArgumentNullException(nameof(cloudName));
        }

        var files = Read(locations, warn) ?? throw NoFileFound(locations);
        if (!files.Clouds.TryGetValue(cloudName, out var entry))
        {
            throw UnknownCloud(cloudName, files.Clouds.Keys, files.Description);
        }

        var source = $"cloud '{cloudName}' in {files.Description}";
        return entry is IReadOnlyDictionary<string, object?> settings
            ? CloudSettings.ToCloudConfig(settings, source, SettingSyntax.Yaml)
            : throw new CloudConfigException($"The {source} must be a mapping of settings.");
    }

    private static (IReadOnlyDictionary<string, object?> Clouds, string Description)? Read(ConfigFileLocations locations, Action<string>? warn)
    {
        if (locations is null)
        {
            throw new ArgumentNullException(nameof(locations));
        }

        var clouds = ConfigFile.FindFirst(locations.CloudFiles, warn);
        var secure = ConfigFile.FindFirst(locations.SecureFiles, warn);
        return (clouds, secure) switch
        {
            (null, null) => null,
            (null, { } secureOnly) => (secureOnly.Clouds, secureOnly.Path),
            ({ } cloudsOnly, null) => (cloudsOnly.Clouds, cloudsOnly.Path),
            ({ } both, { } secrets) => (ConfigTree.DeepMerge(both.Clouds, secrets.Clouds), $"{both.Path} (+ {SecureFileName(both.Path, secrets.Path)})"),
        };
    }

    // The secure file usually sits next to clouds.yaml; its full path is shown only when it does not.
    private static string SecureFileName(string cloudsPath, string securePath) =>
        string.Equals(Path.GetDirectoryName(cloudsPath), Path.GetDirectoryName(securePath), StringComparison.Ordinal)
            ? Path.GetFileName(securePath)
            : securePath;

    private static CloudConfigException NoFileFound(ConfigFileLocations locations) =>
        new("No clouds.yaml was found. These places were searched, in order:" + Environment.NewLine
            + string.Concat(locations.CloudFiles.Select(path => "  " + path + Environment.NewLine))
            + "Put clouds.yaml in one of them, or set OS_CLIENT_CONFIG_FILE to its full path.");

    private static CloudConfigException UnknownCloud(string cloudName, IEnumerable<string> known, string description)
    {
        var names = known.Select(name => $"'{name}'").ToList();
        var listing = names.Count == 0 ? "It defines no clouds." : $"The clouds there are {string.Join(", ", names)}.";
        return new($"No cloud named '{cloudName}' in {description}. {listing}");
    }
}
