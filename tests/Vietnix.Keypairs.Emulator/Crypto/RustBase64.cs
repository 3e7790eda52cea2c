using System.Diagnostics;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// The Rust base64 0.13 crate's <c>decode_config(STANDARD)</c>, which pyca/cryptography 38 uses (via the
/// pem crate) for PEM bodies, with its error values as Debug text: padding is optional but must be
/// canonical, and the first offending byte is reported by offset and value.
/// </summary>
internal static class RustBase64
{
    public static bool TryDecode(ReadOnlySpan<byte> input, out byte[] decoded, out string? error)
    {
        decoded = [];
        error = null;
        var remainder = input.Length % 8;
        if (remainder is 1 or 5)
        {
            var last = input[^1];
            error = last != '=' && PythonBase64.Sextet(last) < 0 ? $"InvalidByte({input.Length - 1}, {last})" : "InvalidLength";
            return false;
        }

        // Every 8-byte chunk but the last goes through the fast path, where '=' is just an invalid byte.
        var prefixLength = Math.Max(0, ((input.Length + 7) / 8) - 1) * 8;
        var sextets = new List<int>(input.Length);
        for (var i = 0; i < prefixLength; i++)
        {
            var sextet = PythonBase64.Sextet(input[i]);
            if (sextet < 0)
            {
                error = $"InvalidByte({i}, {input[i]})";
                return false;
            }

            sextets.Add(sextet);
        }

        if (!TryDecodeLastChunk(input[prefixLength..], prefixLength, sextets, out error))
        {
            return false;
        }

        decoded = Pack(sextets);
        return true;
    }

    private static bool TryDecodeLastChunk(ReadOnlySpan<byte> chunk, int offset, List<int> sextets, out string? error)
    {
        error = null;
        var paddingBytes = 0;
        var firstPadding = 0;
        var morsels = 0;
        var lastSymbol = (byte)0;
        ulong bits = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            var b = chunk[i];
            if (b == '=')
            {
                // Padding may only fill the last two places of a quad.
                if (i % 4 < 2)
                {
                    error = $"InvalidByte({offset + (paddingBytes > 0 ? firstPadding : i)}, {b})";
                    return false;
                }

                firstPadding = paddingBytes == 0 ? i : firstPadding;
                paddingBytes++;
                continue;
            }

            if (paddingBytes > 0)
            {
                error = $"InvalidByte({offset + firstPadding}, {(byte)'='})";
                return false;
            }

            var sextet = PythonBase64.Sextet(b);
            if (sextet < 0)
            {
                error = $"InvalidByte({offset + i}, {b})";
                return false;
            }

            lastSymbol = b;
            bits |= (ulong)sextet << (64 - ((morsels + 1) * 6));
            morsels++;
            sextets.Add(sextet);
        }

        var usedBits = morsels switch
        {
            0 => 0,
            2 => 8,
            3 => 16,
            4 => 24,
            6 => 32,
            7 => 40,
            8 => 48,
            _ => throw new UnreachableException("The length checks leave no other count."),
        };
        if ((bits & (ulong.MaxValue >> usedBits)) != 0)
        {
            error = $"InvalidLastSymbol({offset + morsels - 1}, {lastSymbol})";
            return false;
        }

        return true;
    }

    private static byte[] Pack(List<int> sextets)
    {
        var output = new List<byte>(sextets.Count * 3 / 4);
        for (var i = 0; i + 1 < sextets.Count; i += 4)
        {
            output.Add((byte)((sextets[i] << 2) | (sextets[i + 1] >> 4)));
            if (i + 2 < sextets.Count)
            {
                output.Add((byte)(((sextets[i + 1] & 0x0F) << 4) | (sextets[i + 2] >> 2)));
            }

            if (i + 3 < sextets.Count)
            {
                output.Add((byte)(((sextets[i + 2] & 0x03) << 6) | sextets[i + 3]));
            }
        }

        return [.. output];
    }
}
