using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Python;

/// <summary>
/// Python's <c>json.dumps(obj)</c> with its defaults, which is how Nova and keystonemiddleware write every
/// body: <c>", "</c> and <c>": "</c> separators and non-ASCII escaped as lower-case <c>\uXXXX</c>.
/// Writing bodies the same way keeps byte counts (Content-Length) equal to the real service's.
/// </summary>
internal static class PythonJson
{
    public static string Dumps(JsonNode? node)
    {
        var output = new StringBuilder();
        Write(output, node);
        return output.ToString();
    }

    private static void Write(StringBuilder output, JsonNode? node)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject map:
                output.Append('{');
                var firstMember = true;
                foreach (var (key, value) in map)
                {
                    output.Append(firstMember ? "" : ", ");
                    firstMember = false;
                    WriteString(output, key);
                    output.Append(": ");
                    Write(output, value);
                }

                output.Append('}');
                break;
            case JsonArray list:
                output.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    output.Append(i == 0 ? "" : ", ");
                    Write(output, list[i]);
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
