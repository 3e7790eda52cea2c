using System.Text;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>One PEM block: the BEGIN label and the decoded body.</summary>
internal sealed record PemSection(string Tag, byte[] Contents);

/// <summary>
/// The pem 1.1.0 crate's <c>parse_many</c>, which pyca/cryptography 38 uses to load PEM certificates:
/// a hand-written scanner for <c>-----BEGIN x-----</c> … <c>-----END y-----</c>, tags that must match,
/// bodies joined line by line and base64-decoded. Errors are the crate's PemError as Debug text.
/// </summary>
internal static class PemSections
{
    public static bool TryParseMany(ReadOnlySpan<byte> input, out List<PemSection> sections, out string? error)
    {
        sections = [];
        error = null;
        while (!input.IsEmpty && TryCapture(ref input, out var begin, out var data, out var end))
        {
            var tag = Encoding.UTF8.GetString(begin);
            var endTag = Encoding.UTF8.GetString(end);
            error = tag.Length == 0 ? "MissingBeginTag"
                : endTag.Length == 0 ? "MissingEndTag"
                : tag != endTag ? $"MismatchedTags({RustDebug(tag)}, {RustDebug(endTag)})"
                : null;
            if (error is not null)
            {
                return false;
            }

            var body = string.Concat(Encoding.UTF8.GetString(data).Split('\n').Select(line => line.TrimEnd()));
            if (!RustBase64.TryDecode(Encoding.UTF8.GetBytes(body), out var contents, out var base64Error))
            {
                error = $"InvalidData({base64Error})";
                return false;
            }

            sections.Add(new PemSection(tag, contents));
        }

        return true;
    }

    // parser_inner: -----BEGIN (tag)----- [ws] (data) -----END (tag)----- [ws]
    private static bool TryCapture(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> begin, out ReadOnlySpan<byte> data, out ReadOnlySpan<byte> end)
    {
        begin = data = end = default;
        if (!ReadUntil(ref input, "-----BEGIN "u8, out _) || !ReadUntil(ref input, "-----"u8, out begin))
        {
            return false;
        }

        input = SkipWhitespace(input);
        if (!ReadUntil(ref input, "-----END "u8, out data) || !ReadUntil(ref input, "-----"u8, out end))
        {
            return false;
        }

        input = SkipWhitespace(input);
        return true;
    }

    // The crate's read_until, including its naive matching (a mismatch restarts the marker without
    // re-reading the byte), so odd inputs such as "------BEGIN " are missed as they are in Rust.
    private static bool ReadUntil(ref ReadOnlySpan<byte> input, ReadOnlySpan<byte> marker, out ReadOnlySpan<byte> matched)
    {
        matched = default;
        var index = 0;
        var found = 0;
        while (input.Length - index >= marker.Length - found)
        {
            found = input[index] == marker[found] ? found + 1 : 0;
            index++;
            if (found == marker.Length)
            {
                matched = input[..(index - found)];
                input = input[index..];
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> SkipWhitespace(ReadOnlySpan<byte> input)
    {
        var start = input.IndexOfAnyExcept(" \t\n\r"u8);
        return start < 0 ? [] : input[start..];
    }

    private static string RustDebug(string text)
    {
        var output = new StringBuilder("\"");
        foreach (var c in text)
        {
            output.Append(c switch
            {
                '"' => "\\\"",
                '\\' => @"\\",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\0' => @"\0",
                < ' ' or '\x7f' => $"\\u{{{(int)c:x}}}",
                _ => c.ToString(),
            });
        }

        return output.Append('"').ToString();
    }
}
