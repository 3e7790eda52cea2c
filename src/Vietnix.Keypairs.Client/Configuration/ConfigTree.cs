using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// Parsed config files as plain data: Dictionary&lt;string, object?&gt; for mappings, List&lt;object?&gt; for
/// sequences, and every scalar as the exact text written (openstacksdk stringifies numbers, so
/// compute_api_version: 2.72 must stay "2.72"), or null for YAML's null.
/// </summary>
internal static class ConfigTree
{
    /// <summary>Converts what YamlDotNet's untyped deserializer returns.</summary>
    public static object? FromYaml(object? node) => node switch
    {
        IDictionary<object, object?> mapping => Rekey(mapping, key => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty, FromYaml),
        IList<object?> sequence => sequence.Select(FromYaml).ToList(),
        _ => node,
    };

    /// <summary>openstacksdk's normalize_keys: 'project-name' and 'project_name' are the same key.</summary>
    public static object? NormalizeKeys(object? node) => node switch
    {
        IReadOnlyDictionary<string, object?> mapping => Rekey(mapping, key => key.Replace('-', '_'), NormalizeKeys),
        IReadOnlyList<object?> sequence => sequence.Select(NormalizeKeys).ToList(),
        _ => node,
    };

    /// <summary>openstacksdk's merge_clouds: nested mappings merge, anything else in <paramref name="higher"/> replaces.</summary>
    public static Dictionary<string, object?> DeepMerge(IReadOnlyDictionary<string, object?> lower, IReadOnlyDictionary<string, object?> higher)
    {
        var result = lower.ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var pair in higher)
        {
            result[pair.Key] = result.TryGetValue(pair.Key, out var existing)
                && existing is IReadOnlyDictionary<string, object?> lowerMapping && pair.Value is IReadOnlyDictionary<string, object?> higherMapping
                ? DeepMerge(lowerMapping, higherMapping)
                : pair.Value;
        }

        return result;
    }

    // Keys that become equal (a 'region-name' beside a 'region_name', two complex keys) keep the later value,
    // as a later duplicate key does in PyYAML.
    private static Dictionary<string, object?> Rekey<TKey>(IEnumerable<KeyValuePair<TKey, object?>> mapping, Func<TKey, string> key, Func<object?, object?> value)
    {
        var result = new Dictionary<string, object?>();
        foreach (var pair in mapping)
        {
            result[key(pair.Key)] = value(pair.Value);
        }

        return result;
    }
}
