using System.Collections.Generic;
using System.Linq;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// Picks a cloud's default region as openstacksdk does: the first entry of "regions" (a name, or a mapping
/// with "name" and optional per-region "values"), else "region_name" (a deprecated comma list counts by its first item).
/// </summary>
internal static class RegionChoice
{
    /// <summary>The region's name, and the cloud's settings with that region's values laid over them.</summary>
    public static (string? Name, IReadOnlyDictionary<string, object?> Cloud) First(IReadOnlyDictionary<string, object?> cloud, string source)
    {
        if (cloud.TryGetValue("regions", out var regions) && regions is IReadOnlyList<object?> { Count: > 0 } list)
        {
            return FromEntry(list[0], cloud, source);
        }

        cloud.TryGetValue("region_name", out var regionName);
        return (FirstName(regionName), cloud);
    }

    private static (string? Name, IReadOnlyDictionary<string, object?> Cloud) FromEntry(object? entry, IReadOnlyDictionary<string, object?> cloud, string source)
    {
        if (entry is string name)
        {
            return (NullIfEmpty(name), cloud);
        }

        if (entry is IReadOnlyDictionary<string, object?> mapping
            && mapping.TryGetValue("name", out var mappedName) && mappedName is string { Length: > 0 } regionName
            && mapping.Keys.All(key => key is "name" or "values"))
        {
            mapping.TryGetValue("values", out var values);
            return (regionName, values is IReadOnlyDictionary<string, object?> overrides ? Overlay(cloud, overrides) : cloud);
        }

        throw new CloudConfigException($"The first entry of 'regions' in {source} must be a region name, or a mapping with 'name' and optionally 'values'.");
    }

    private static string? FirstName(object? regionName) => regionName switch
    {
        string text => NullIfEmpty(text.Split(',')[0]),
        IReadOnlyList<object?> { Count: > 0 } names => names[0] as string,
        _ => null,
    };

    // Region values replace the cloud's, except 'auth', whose keys are replaced one by one.
    private static Dictionary<string, object?> Overlay(IReadOnlyDictionary<string, object?> cloud, IReadOnlyDictionary<string, object?> values)
    {
        var result = cloud.ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var pair in values)
        {
            result[pair.Key] = pair.Key == "auth" && result.TryGetValue("auth", out var auth)
                && auth is IReadOnlyDictionary<string, object?> baseAuth && pair.Value is IReadOnlyDictionary<string, object?> regionAuth
                ? ConfigTree.DeepMerge(baseAuth, regionAuth)
                : pair.Value;
        }

        return result;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
