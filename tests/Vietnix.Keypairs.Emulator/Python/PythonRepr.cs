using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Python;

/// <summary>
/// CPython's <c>repr()</c> and <c>str()</c> of values that <c>json.loads</c> made from a request body.
/// Nova's validation messages embed them (jsonschema's <c>"%r is not of type 'string'"</c>, Nova's
/// <c>"Value: %s"</c>), so an emulated message only matches when these match.
/// </summary>
internal static class PythonRepr
{
    public static string Repr(JsonNode? value) => value switch
    {
        null => "None",
        JsonObject map => "{" + string.Join(", ", map.Select(pair => Quote(pair.Key) + ": " + Repr(pair.Value))) + "}",
        JsonArray list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        JsonValue scalar => Scalar(scalar),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary><c>str()</c>: the same as <c>repr()</c> except that a string is shown without quotes.</summary>
    public static string Str(JsonNode? value) =>
        value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : Repr(value);

    /// <summary>repr() of a str: single quotes unless only double quotes avoid escaping, non-printables escaped.</summary>
    public static string Quote(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var result = new StringBuilder(text.Length + 2).Append(quote);
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            AppendCodePoint(result, codePoint, quote);
        }

        return result.Append(quote).ToString();
    }

    private static string Scalar(JsonValue scalar) => scalar.GetValueKind() switch
    {
        JsonValueKind.String => Quote(scalar.GetValue<string>()),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Number => PythonNumber.Repr(scalar.ToJsonString()),
        _ => "None",
    };

    private static void AppendCodePoint(StringBuilder result, int codePoint, char quote)
    {
        switch (codePoint)
        {
            case '\\':
                result.Append(@"\\");
                return;
            case '\t':
                result.Append(@"\t");
                return;
            case '\n':
                result.Append(@"\n");
                return;
            case '\r':
                result.Append(@"\r");
                return;
        }

        if (codePoint == quote)
        {
            result.Append('\\').Append(quote);
        }
        else if (IsPrintable(codePoint))
        {
            result.Append(char.ConvertFromUtf32(codePoint));
        }
        else
        {
            result.Append(codePoint switch
            {
                < 0x100 => @"\x" + codePoint.ToString("x2", CultureInfo.InvariantCulture),
                < 0x10000 => @"\u" + codePoint.ToString("x4", CultureInfo.InvariantCulture),
                _ => @"\U" + codePoint.ToString("x8", CultureInfo.InvariantCulture),
            });
        }
    }

    // str.isprintable(): everything but the "Other" and "Separator" categories, except the ASCII space.
    private static bool IsPrintable(int codePoint)
    {
        if (codePoint is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }

        if (codePoint < 0x80)
        {
            return codePoint is >= 0x20 and < 0x7F;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) is not (
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
    }
}
