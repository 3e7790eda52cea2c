using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Completion;

/// <summary>
/// -Cloud: the clouds of clouds.yaml (and secure.yaml), found where -Cloud and OS_CLOUD look for
/// them: OS_CLIENT_CONFIG_FILE, the current location, then the user's and the system's folders.
/// Reads local files only.
/// </summary>
public sealed class CloudNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var environment = ConnectionResolver.ProcessEnvironment();
        var locations = ConfigFileLocations.For(environment, CompletionContext.CurrentDirectory(), PlatformFolders.Current(environment));
        return CompletionResults.For(wordToComplete, CloudsFile.CloudNames(locations));
    }
}

/// <summary>
/// -Region: the regions with a compute endpoint in the catalog of this session's token (when
/// connected; nothing is sent), and the region the -Cloud being typed or OS_REGION_NAME names.
/// </summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var candidates = new List<(string Value, string ToolTip)>();
        if (SessionStore.Current is { IsDisposed: false } session && session.Keystone?.Current?.Catalog is { } catalog)
        {
            candidates.AddRange(catalog.Endpoints
                .Where(endpoint => endpoint.ServiceType == "compute" && !string.IsNullOrEmpty(endpoint.Region))
                .GroupBy(endpoint => endpoint.Region!, StringComparer.Ordinal)
                .Select(region => (region.Key, $"{region.Key}: compute at {string.Join(", ", region.Select(endpoint => $"{endpoint.Url} ({endpoint.Interface})"))}")));
        }

        var environment = ConnectionResolver.ProcessEnvironment();
        if (fakeBoundParameters?["Cloud"] is string cloud && !string.IsNullOrWhiteSpace(cloud))
        {
            try
            {
                var locations = ConfigFileLocations.For(environment, CompletionContext.CurrentDirectory(), PlatformFolders.Current(environment));
                if (CloudsFile.Load(cloud, locations).RegionName is { } cloudRegion)
                {
                    candidates.Add((cloudRegion, $"{cloudRegion}: region_name of the cloud '{cloud}' in clouds.yaml"));
                }
            }
            catch (Exception exception) when (exception is CloudConfigException or System.IO.IOException or UnauthorizedAccessException)
            {
                // A cloud that cannot be read has no region to offer; -Cloud's own completion lists the ones that can.
            }
        }

        if (environment.TryGetValue("OS_REGION_NAME", out var fromEnvironment) && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add((fromEnvironment!, $"{fromEnvironment}: OS_REGION_NAME"));
        }

        return CompletionResults.For(wordToComplete, candidates);
    }
}

/// <summary>-Interface: the catalog's three interfaces.</summary>
public sealed class InterfaceCompleter : IArgumentCompleter
{
    private static readonly (string, string)[] Interfaces =
    [
        ("public", "public: the endpoint for clients outside the cloud (the default)"),
        ("internal", "internal: the endpoint for servers inside the cloud"),
        ("admin", "admin: the administrative endpoint"),
    ];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.For(wordToComplete, Interfaces);
}

/// <summary>
/// -ApiVersion: latest, the microversions where key pairs change, and the newest this session's
/// server serves (when connected; read from the negotiation already made, nothing is sent).
/// </summary>
public sealed class ApiVersionCompleter : IArgumentCompleter
{
    private static readonly (string, string)[] Milestones =
    [
        ("latest", "latest: the newest microversion the server serves"),
        ("2.72", "2.72: the vendor's samples (the default)"),
        ("2.1", "2.1: the base compute API"),
        (NovaMicroversions.KeyTypes.ToString(), $"{NovaMicroversions.KeyTypes}: key pairs have a type (ssh or x509)"),
        (NovaMicroversions.UserIds.ToString(), $"{NovaMicroversions.UserIds}: -UserId (admins act for another user)"),
        (NovaMicroversions.Paging.ToString(), $"{NovaMicroversions.Paging}: the list is read in pages"),
        ("2.91", "2.91: the last microversion where Nova generates keys"),
        (NovaMicroversions.ImportOnly.ToString(), $"{NovaMicroversions.ImportOnly}: import only (keys are generated on this machine); names may hold '@' and '.'"),
    ];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var candidates = Milestones.ToList();
        if (SessionStore.Current is { IsDisposed: false } session && session.Service.Negotiation?.ServerMaximum is { } maximum)
        {
            candidates.Insert(1, (maximum.ToString(), $"{maximum}: the newest this session's server serves"));
        }

        return CompletionResults.For(wordToComplete, candidates);
    }
}

/// <summary>What a completer may know of where the user is, without a cmdlet.</summary>
internal static class CompletionContext
{
    // The current location of the runspace that completes (not the process's current directory,
    // which PowerShell does not follow); the process's when that cannot be read.
    public static string CurrentDirectory()
    {
        try
        {
            var location = ScriptBlock.Create("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath").Invoke();
            if (location.Count == 1 && location[0]?.BaseObject is string path && path.Length > 0)
            {
                return path;
            }
        }
        catch (RuntimeException)
        {
            // Falls back below.
        }

        return Environment.CurrentDirectory;
    }
}
