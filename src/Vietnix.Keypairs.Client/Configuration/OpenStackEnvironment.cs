using System;
using System.Collections.Generic;
using System.Linq;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// The OS_* environment variables as openstacksdk reads them: each becomes the config key without "OS_",
/// lower-cased (OS_REGION_NAME is region_name), then the same fix-ups as a clouds.yaml entry.
/// </summary>
internal static class OpenStackEnvironment
{
    public const string Source = "the OS_* environment variables";

    // These only choose a cloud, a region or a file; on their own they do not describe a cloud.
    private static readonly string[] Selectors = ["OS_CLOUD", "OS_REGION_NAME", "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE", "OS_CLOUD_NAME"];

    // Test-runner variables that openstacksdk leaves out.
    private static readonly string[] Ignored = ["OS_TEST", "OS_STD", "OS_LOG"];

    /// <summary>Null when no OS_* variable other than the selectors is set (empty ones count as unset).</summary>
    public static CloudConfig? Read(IReadOnlyDictionary<string, string?> variables)
    {
        if (variables is null)
        {
            throw new ArgumentNullException(nameof(variables));
        }

        var settings = new Dictionary<string, object?>();
        var describesACloud = false;
        foreach (var variable in variables)
        {
            if (!variable.Key.StartsWith("OS_", StringComparison.Ordinal)
                || Ignored.Any(prefix => variable.Key.StartsWith(prefix, StringComparison.Ordinal))
                || variable.Value is null or { Length: 0 })
            {
                continue;
            }

            settings[variable.Key.Substring(3).ToLowerInvariant()] = variable.Value;
            describesACloud |= !Selectors.Contains(variable.Key);
        }

        return describesACloud ? CloudSettings.ToCloudConfig(settings, Source, SettingSyntax.EnvironmentText) : null;
    }
}
