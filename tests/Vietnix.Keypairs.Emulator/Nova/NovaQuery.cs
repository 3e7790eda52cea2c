using System.Text;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// The query parameters as webob's <c>request.GET</c> sees them (webob.compat.parse_qsl_text): pairs
/// split on '&amp;' and ';', '+' read as a space, %XX decoded leniently, names and values decoded as
/// strict UTF-8. Order and repeats are kept because Nova reads some parameters' first value
/// (<c>user_id</c>) and others' last (<c>limit</c>, <c>marker</c>).
/// </summary>
internal sealed class NovaQuery
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private NovaQuery(IReadOnlyList<KeyValuePair<string, string>> pairs) => Pairs = pairs;

    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    /// <summary>Parses a raw query string (without '?'); false when a name or value is not UTF-8.</summary>
    public static bool TryParse(string rawQuery, out NovaQuery query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        query = new NovaQuery(pairs);
        var bytes = Encoding.Latin1.GetBytes(rawQuery.Replace('+', ' '));
        foreach (var field in Split(bytes))
        {
            var equals = Array.IndexOf(field, (byte)'=');
            var name = equals < 0 ? field : field[..equals];
            var value = equals < 0 ? [] : field[(equals + 1)..];
            try
            {
                pairs.Add(new(StrictUtf8.GetString(Unquote(name)), StrictUtf8.GetString(Unquote(value))));
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        return true;
    }

    public string? First(string name) => Pairs.FirstOrDefault(pair => pair.Key == name).Value;

    public string? Last(string name) => Pairs.LastOrDefault(pair => pair.Key == name).Value;

    public IEnumerable<string> Values(string name) => Pairs.Where(pair => pair.Key == name).Select(pair => pair.Value);

    /// <summary>Parameter names in order of first appearance (webob's dict_of_lists order).</summary>
    public IEnumerable<string> Names() => Pairs.Select(pair => pair.Key).Distinct(StringComparer.Ordinal);

    private static IEnumerable<byte[]> Split(byte[] query)
    {
        var start = 0;
        for (var i = 0; i <= query.Length; i++)
        {
            if (i == query.Length || query[i] == '&' || query[i] == ';')
            {
                if (i > start)
                {
                    yield return query[start..i];
                }

                start = i + 1;
            }
        }
    }

    // webob's unquote: each '%' takes up to two following characters as int(x, 16) (which tolerates
    // surrounding whitespace); when that fails the '%' stays literal.
    private static byte[] Unquote(byte[] text)
    {
        var output = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && TryHexByte(text.AsSpan(i + 1, Math.Min(2, text.Length - i - 1)), out var decoded))
            {
                output.Add(decoded);
                i += Math.Min(2, text.Length - i - 1);
            }
            else
            {
                output.Add(text[i]);
            }
        }

        return [.. output];
    }

    private static bool TryHexByte(ReadOnlySpan<byte> candidate, out byte value)
    {
        value = 0;
        var digits = Encoding.Latin1.GetString(candidate).Trim(' ', '\t', '\n', '\r', '\f', '\v');
        if (digits.Length == 0 || !digits.All(Uri.IsHexDigit))
        {
            return false;
        }

        value = Convert.ToByte(digits, 16);
        return true;
    }
}
