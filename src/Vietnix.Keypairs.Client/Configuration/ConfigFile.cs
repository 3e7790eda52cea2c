using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>One clouds or secure file: where it is and its 'clouds' entries, each with normalized keys.</summary>
internal sealed class ConfigFile
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    private ConfigFile(string path, IReadOnlyDictionary<string, object?> clouds)
    {
        Path = path;
        Clouds = clouds;
    }

    public string Path { get; }

    /// <summary>Cloud name to its settings, in file order.</summary>
    public IReadOnlyDictionary<string, object?> Clouds { get; }

    /// <summary>
    /// The first of <paramref name="candidates"/> that exists and can be read; a later location is never
    /// consulted once one is found. Unreadable files are skipped with a warning, as openstacksdk skips them.
    /// </summary>
    public static ConfigFile? FindFirst(IEnumerable<string> candidates, Action<string>? warn)
    {
        foreach (var path in candidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                warn?.Invoke($"Skipping {path}: it cannot be read ({exception.Message}).");
                continue;
            }

            return new ConfigFile(path, CloudsIn(path, Parse(path, text), warn));
        }

        return null;
    }

    // JSON is YAML, so one parser reads clouds.json too. The merging parser applies '<<: *anchor' like PyYAML.
    private static object? Parse(string path, string text)
    {
        try
        {
            YamlSizeCheck.Check(path, text);
            return ConfigTree.FromYaml(Deserializer.Deserialize(new MergingParser(new Parser(new StringReader(text)))));
        }
        catch (YamlException exception)
        {
            throw new CloudConfigException($"{path} is not valid YAML: line {exception.Start.Line}, column {exception.Start.Column}: {exception.Message}", exception);
        }
        catch (KeyNotFoundException exception)
        {
            // YamlDotNet's merging parser reports a '<<' to an undefined anchor this way, without a position.
            throw new CloudConfigException($"{path} is not valid YAML: a '<<' merge refers to an anchor that is not defined before it.", exception);
        }
    }

    private static Dictionary<string, object?> CloudsIn(string path, object? root, Action<string>? warn)
    {
        if (root is null)
        {
            warn?.Invoke($"{path} is empty.");
            return [];
        }

        if (root is not IReadOnlyDictionary<string, object?> mapping)
        {
            throw new CloudConfigException($"{path} must be a YAML mapping with a 'clouds' key.");
        }

        if (!mapping.TryGetValue("clouds", out var entries) || entries is null)
        {
            warn?.Invoke($"{path} has no 'clouds' key.");
            return [];
        }

        if (entries is not IReadOnlyDictionary<string, object?> clouds)
        {
            throw new CloudConfigException($"'clouds' in {path} must be a mapping of cloud names to their settings.");
        }

        // Cloud names stay as written; only the settings inside a cloud have '-' read as '_'.
        return clouds.ToDictionary(cloud => cloud.Key, cloud => ConfigTree.NormalizeKeys(cloud.Value));
    }
}
