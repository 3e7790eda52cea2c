using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The Python idioms Keystone applies to the request's dicts: <c>d.get(key)</c>, <c>key in d</c> and
/// truthiness (<c>if name:</c>, where an empty string counts as absent).
/// </summary>
internal static class PythonValues
{
    /// <summary><c>d.get(key)</c>; also None when <paramref name="container"/> is no dict.</summary>
    public static JsonNode? Get(JsonNode? container, string key) =>
        container is JsonObject map && map.TryGetPropertyValue(key, out var value) ? value : null;

    /// <summary><c>key in d</c>, for a dict.</summary>
    public static bool Has(JsonNode? container, string key) => container is JsonObject map && map.ContainsKey(key);

    public static bool Truthy(JsonNode? value) => value switch
    {
        null => false,
        JsonObject map => map.Count > 0,
        JsonArray list => list.Count > 0,
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>().Length > 0,
            JsonValueKind.True => true,
            JsonValueKind.Number => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) != 0,
            _ => false,
        },
    };

    /// <summary>The value as Keystone would put it into a lookup or a message: <c>str()</c> of it, null for None.</summary>
    public static string? Text(JsonNode? value) => value is null ? null : PythonRepr.Str(value);
}
