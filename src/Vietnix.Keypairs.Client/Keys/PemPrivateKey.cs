using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// Checks that a private key the server generated is a PEM private key and nothing else before it
/// goes into a file: one BEGIN line, base64 lines, the matching END line, printable ASCII only.
/// </summary>
internal static class PemPrivateKey
{
    private static readonly Regex Begin = new(@"^-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----$", RegexOptions.CultureInvariant);
    private static readonly Regex Base64Line = new("^[A-Za-z0-9+/]+={0,2}$", RegexOptions.CultureInvariant);

    /// <summary>The key as a file's bytes (LF line ends, one final LF, no BOM); a <see cref="FormatException"/> if it is not a PEM private key.</summary>
    public static byte[] FileContent(string text)
    {
        var lines = text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var begin = lines.Length >= 3 ? Begin.Match(lines[0]) : Match.Empty;
        if (!begin.Success || lines[lines.Length - 1] != $"-----END {begin.Groups[1].Value}-----")
        {
            throw new FormatException("The private key the server sent is not a PEM private key (no matching BEGIN and END lines).");
        }

        var body = lines.Skip(1).Take(lines.Length - 2).ToList();
        if (!body.All(Base64Line.IsMatch) || !IsBase64(string.Concat(body)))
        {
            throw new FormatException("The private key the server sent is not a PEM private key: its body is not base64.");
        }

        return Encoding.ASCII.GetBytes(string.Join("\n", lines) + "\n");
    }

    private static bool IsBase64(string text)
    {
        try
        {
            return text.Length % 4 == 0 && Convert.FromBase64String(text).Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
