using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Python;

/// <summary>
/// Python's <c>json</c> module as the emulated services use it. <see cref="Dumps"/> is <c>json.dumps(obj)</c>
/// with its defaults, which is how Nova, keystonemiddleware and Keystone's token responses are written:
/// <c>", "</c> and <c>": "</c> separators and non-ASCII escaped as lower-case <c>\uXXXX</c>. Writing bodies the
/// same way keeps byte counts (Content-Length) equal to the real service's.
/// </summary>
internal static class PythonJson
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static string Dumps(JsonNode? node)
    {
        var output = new StringBuilder();
        Write(output, node, ", ", ": ", sortKeys: false);
        return output.ToString();
    }

    /// <summary>
    /// Flask 2.2's <c>jsonify</c> outside debug mode, which renders Keystone's error bodies:
    /// <c>json.dumps(obj, separators=(",", ":"), sort_keys=True)</c> plus a newline.
    /// </summary>
    public static string FlaskJsonify(JsonNode? node)
    {
        var output = new StringBuilder();
        Write(output, node, ",", ":", sortKeys: true);
        return output.Append('\n').ToString();
    }

    /// <summary>
    /// <c>json.loads</c> of UTF-8 bytes, or false when they are not JSON. Objects keep the first position
    /// of a repeated key and its last value (dict semantics); numbers keep their literal so ints and
    /// floats can be told apart. A null <paramref name="value"/> is Python's None.
    /// </summary>
    public static bool TryLoads(ReadOnlySpan<byte> utf8, out JsonNode? value)
    {
        value = null;
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), StrictJson);
            value = ToNode(document.RootElement);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new JsonObject();
                foreach (var member in element.EnumerateObject())
                {
                    map[member.Name] = ToNode(member.Value);
                }

                return map;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(ToNode)]);
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static void Write(StringBuilder output, JsonNode? node, string itemSeparator, string keySeparator, bool sortKeys)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject map:
                output.Append('{');
                var firstMember = true;
                var members = sortKeys ? map.OrderBy(pair => pair.Key, StringComparer.Ordinal) : map.AsEnumerable();
                foreach (var (key, value) in members)
                {
                    output.Append(firstMember ? "" : itemSeparator);
                    firstMember = false;
                    WriteString(output, key);
                    output.Append(keySeparator);
                    Write(output, value, itemSeparator, keySeparator, sortKeys);
                }

                output.Append('}');
                break;
            case JsonArray list:
                output.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    output.Append(i == 0 ? "" : itemSeparator);
                    Write(output, list[i], itemSeparator, keySeparator, sortKeys);
                }

                output.Append(']');
                break;
            case JsonValue scalar:
                WriteScalar(output, scalar);
                break;
        }
    }

    private static void WriteScalar(StringBuilder output, JsonValue scalar)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(output, scalar.GetValue<string>());
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append(scalar.ToJsonString());
                break;
        }
    }

    private static void WriteString(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            output.Append(c switch
            {
                '"' => "\\\"",
                '\\' => @"\\",
                '\b' => @"\b",
                '\f' => @"\f",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                < ' ' or > '~' => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        output.Append('"');
    }
}
