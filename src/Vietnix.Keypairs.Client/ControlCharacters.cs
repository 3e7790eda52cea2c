using System.Globalization;
using System.Text;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// Characters a terminal acts on rather than shows (ESC starts ANSI and OSC sequences, CR and BEL
/// rewrite the line, NUL cuts it) and the bidirectional overrides that reorder what is shown.
/// Text from a server or a file is escaped with these before it is displayed, and refused in
/// comments and descriptions before it is sent.
/// </summary>
internal static class ControlCharacters
{
    public static bool IsIn(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var character in text)
        {
            if (IsControl(character))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with every such character written as a visible escape (ESC becomes \x1b), so it is shown, not obeyed.</summary>
    public static string? Escape(string? text)
    {
        if (!IsIn(text))
        {
            return text;
        }

        var escaped = new StringBuilder(text!.Length + 8);
        foreach (var character in text)
        {
            if (IsControl(character))
            {
                escaped.Append(character <= 0xFF ? $"\\x{(int)character:x2}" : $"\\u{(int)character:x4}");
            }
            else
            {
                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }

    // C0, DEL and C1 controls; U+202A–U+202E and U+2066–U+2069 (bidi embeddings, overrides, isolates).
    private static bool IsControl(char character) =>
        char.IsControl(character)
        || character is >= '\u202A' and <= '\u202E'
        || character is >= '\u2066' and <= '\u2069';
}
