using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// Named clouds from clouds.yaml as openstacksdk loads them: the first clouds file found is used alone
/// (files in later locations are not merged in), and the first secure file found is deep-merged over it.
/// One rule is stricter than openstacksdk's: a secret from a secure file in another folder than the
/// clouds file is used only when that secure file also gives the cloud's auth_url. Otherwise a
/// clouds.yaml in the current folder (a cloned repository, say) could send the password kept in
/// ~/.config/openstack/secure.yaml to a Keystone of its own choosing.
/// </summary>
internal static class CloudsFile
{
    // Every spelling CloudSettings reads a secret from, inside 'auth' or beside it.
    private static readonly string[] SecretKeys = ["password", "application_credential_secret", "token", "auth_token"];

    /// <exception cref="CloudConfigException">No clouds file exists, the cloud is not in it, or a file is not valid YAML.</exception>
    public static CloudConfig Load(string cloudName, ConfigFileLocations locations, Action<string>? warn = null)
    {
        if (cloudName is null)
        {
            throw new ArgumentNullException(nameof(cloudName));
        }

        var files = Read(locations, warn, cloudName) ?? throw NoFileFound(locations);
        if (!files.Clouds.TryGetValue(cloudName, out var entry))
        {
            throw UnknownCloud(cloudName, files.Clouds.Keys, files.Description);
        }

        var source = $"cloud '{cloudName}' in {files.Description}";
        return entry is IReadOnlyDictionary<string, object?> settings
            ? CloudSettings.ToCloudConfig(settings, source, SettingSyntax.Yaml)
            : throw new CloudConfigException($"The {source} must be a mapping of settings.");
    }

    /// <summary>
    /// The names of the clouds <see cref="Load"/> can load, in file order: those of the first clouds
    /// file found and of the first secure file found, in the same search order. Never throws: for
    /// completing -Cloud, where a broken file must not break the prompt.
    /// </summary>
    public static IReadOnlyList<string> CloudNames(ConfigFileLocations locations)
    {
        try
        {
            var clouds = ConfigFile.FindFirst(locations.CloudFiles, warn: null);
            var secure = ConfigFile.FindFirst(locations.SecureFiles, warn: null);
            return (clouds?.Clouds.Keys ?? []).Concat(secure?.Clouds.Keys ?? []).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (Exception exception) when (exception is CloudConfigException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static (IReadOnlyDictionary<string, object?> Clouds, string Description)? Read(ConfigFileLocations locations, Action<string>? warn, string cloudName)
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
            ({ } both, { } secrets) => (ConfigTree.DeepMerge(both.Clouds, SecretsFor(both, secrets, cloudName, warn)), $"{both.Path} (+ {SecureFileName(both.Path, secrets.Path)})"),
        };
    }

    /// <summary>
    /// The secure file's clouds, without the secrets of <paramref name="cloudName"/> when the secure file
    /// is in another folder than the clouds file and leaves the cloud's auth_url to the clouds file.
    /// </summary>
    private static IReadOnlyDictionary<string, object?> SecretsFor(ConfigFile clouds, ConfigFile secure, string cloudName, Action<string>? warn)
    {
        if (SameFolder(clouds.Path, secure.Path)
            || !secure.Clouds.TryGetValue(cloudName, out var secureEntry) || secureEntry is not IReadOnlyDictionary<string, object?> secrets
            || !clouds.Clouds.TryGetValue(cloudName, out var cloudsEntry) || cloudsEntry is not IReadOnlyDictionary<string, object?> settings
            || !NamesAuthUrl(settings) || NamesAuthUrl(secrets) || !HoldsSecret(secrets))
        {
            return secure.Clouds;
        }

        warn?.Invoke($"The secret for cloud '{cloudName}' in {secure.Path} is not used: {clouds.Path}, in another folder, decides where it would be sent (its auth_url). "
            + $"Keep clouds.yaml in the same folder as {Path.GetFileName(secure.Path)}, or give the cloud's auth_url in {secure.Path} too.");
        var result = secure.Clouds.ToDictionary(pair => pair.Key, pair => pair.Value);
        result[cloudName] = WithoutSecrets(secrets);
        return result;
    }

    private static bool SameFolder(string first, string second) =>
        string.Equals(Path.GetDirectoryName(Path.GetFullPath(first)), Path.GetDirectoryName(Path.GetFullPath(second)), StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, object?> AuthOf(IReadOnlyDictionary<string, object?> cloud) =>
        cloud.TryGetValue("auth", out var auth) && auth is IReadOnlyDictionary<string, object?> mapping ? mapping : new Dictionary<string, object?>();

    private static bool NamesAuthUrl(IReadOnlyDictionary<string, object?> cloud) =>
        HasValue(cloud, "auth_url") || HasValue(AuthOf(cloud), "auth_url");

    private static bool HoldsSecret(IReadOnlyDictionary<string, object?> cloud) =>
        SecretKeys.Any(key => HasValue(cloud, key) || HasValue(AuthOf(cloud), key));

    private static bool HasValue(IReadOnlyDictionary<string, object?> mapping, string key) =>
        mapping.TryGetValue(key, out var value) && value is not null;

    private static Dictionary<string, object?> WithoutSecrets(IReadOnlyDictionary<string, object?> cloud)
    {
        var result = cloud.Where(pair => !SecretKeys.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
        if (cloud.TryGetValue("auth", out var auth) && auth is IReadOnlyDictionary<string, object?> mapping)
        {
            result["auth"] = mapping.Where(pair => !SecretKeys.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
        }

        return result;
    }

    // The secure file usually sits next to clouds.yaml; its full path is shown only when it does not.
    private static string SecureFileName(string cloudsPath, string securePath) =>
        SameFolder(cloudsPath, securePath) ? Path.GetFileName(securePath) : securePath;
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
