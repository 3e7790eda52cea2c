using System;
using System.Collections;
using System.Collections.Generic;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Where a command's connection comes from. What the command was given wins; what it was not
/// given comes from the first of: the cloud it named with -Cloud, the runspace's session, the
/// cloud named by OS_CLOUD, the OS_* variables (as openstacksdk, a cloud is not mixed with OS_*).
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>The settings a command signs in with; null when nothing at all says how.</summary>
    public static CloudConfig? Resolve(SignInParameters given, CloudConfig? session, IReadOnlyDictionary<string, string?> environment, string currentDirectory, Action<string> warn)
    {
        var lower = given.Cloud is { } cloud
            ? LoadCloud(cloud, environment, currentDirectory, warn)
            : session ?? FromEnvironment(environment, currentDirectory, warn);
        return (given.Config, lower) switch
        {
            (null, var fallback) => fallback,
            ({ } mine, null) => mine,
            ({ } mine, { } fallback) => CloudConfig.Merge(mine, fallback),
        };
    }

    /// <summary>This process's environment variables, where OS_* and OS_CLOUD are read from.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            variables[(string)variable.Key] = variable.Value as string;
        }

        return variables;
    }

    // OS_CLOUD's cloud, or else the OS_* variables; null when neither is set.
    private static CloudConfig? FromEnvironment(IReadOnlyDictionary<string, string?> environment, string currentDirectory, Action<string> warn)
    {
        if (environment.TryGetValue("OS_CLOUD", out var cloud) && !string.IsNullOrWhiteSpace(cloud))
        {
            return LoadCloud(cloud!, environment, currentDirectory, warn);
        }

        return OpenStackEnvironment.Read(environment);
    }

    private static CloudConfig LoadCloud(string name, IReadOnlyDictionary<string, string?> environment, string currentDirectory, Action<string> warn)
    {
        var locations = ConfigFileLocations.For(environment, currentDirectory, PlatformFolders.Current(environment));
        var config = CloudsFile.Load(name, locations, warn);

        // OS_REGION_NAME only selects a region; openstacksdk applies it to a named cloud as well.
        return environment.TryGetValue("OS_REGION_NAME", out var region) && !string.IsNullOrWhiteSpace(region)
            ? CloudConfig.Merge(new CloudConfig { RegionName = region, Source = OpenStackEnvironment.Source }, config)
            : config;
    }
}
