using System;
using System.Collections.Generic;
using System.IO;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>
/// A throw-away tree standing in for every place openstacksdk looks: the current directory, a user config
/// folder, a home (for ~/.config/openstack) and a site folder. Nothing outside it is searched.
/// </summary>
internal sealed class ConfigScratch : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vietnix-config-").FullName;

    public ConfigScratch()
    {
        foreach (var folder in new[] { Current, User, HomeConfig, Site, Elsewhere })
        {
            Directory.CreateDirectory(folder);
        }
    }

    public string Current => Path.Combine(_root, "cwd");

    public string User => Path.Combine(_root, "user-config", "openstack");

    public string Home => Path.Combine(_root, "home");

    /// <summary>~/.config/openstack for <see cref="Home"/>.</summary>
    public string HomeConfig => Path.Combine(Home, ".config", "openstack");

    public string Site => Path.Combine(_root, "site", "openstack");

    /// <summary>A folder no search includes, for files named by OS_CLIENT_CONFIG_FILE.</summary>
    public string Elsewhere => Path.Combine(_root, "elsewhere");

    public PlatformFolders Folders => new([User], [Site]);

    public string Write(string folder, string fileName, string text)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public ConfigFileLocations Locations(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = Home, ["USERPROFILE"] = Home };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return ConfigFileLocations.For(environment, Current, Folders);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
