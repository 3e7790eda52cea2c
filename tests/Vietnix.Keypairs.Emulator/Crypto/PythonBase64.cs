using System.Text;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// CPython's lenient base64 decoding (binascii.a2b_base64 without strict_mode, used by both
/// <c>base64.b64decode</c> and pyca/cryptography's SSH loader): bytes outside the alphabet are skipped,
/// a '=' run that completes a quad ends the input (whatever follows), and a quad left incomplete fails.
/// </summary>
internal static class PythonBase64
{
    /// <summary><c>base64.b64decode(text)</c> of a str: non-ASCII text is refused before decoding.</summary>
    public static bool TryDecodeText(string text, out byte[] decoded)
    {
        decoded = [];
        return Ascii.IsValid(text) && TryDecode(Encoding.ASCII.GetBytes(text), out decoded);
    }

    public static bool TryDecode(ReadOnlySpan<byte> text, out byte[] decoded)
    {
        var output = new List<byte>(text.Length * 3 / 4);
        int quadPosition = 0, pads = 0, carried = 0;
        foreach (var c in text)
        {
            if (c == '=')
            {
                if (quadPosition >= 2 && quadPosition + ++pads >= 4)
                {
                    decoded = [.. output];
                    return true;
                }

                continue;
            }

            var sextet = Sextet(c);
            if (sextet < 0)
            {
                continue;
            }

            pads = 0;
            switch (quadPosition)
            {
                case 0:
                    carried = sextet;
                    quadPosition = 1;
                    break;
                case 1:
                    output.Add((byte)((carried << 2) | (sextet >> 4)));
                    carried = sextet & 0x0F;
                    quadPosition = 2;
                    break;
                case 2:
                    output.Add((byte)((carried << 4) | (sextet >> 2)));
                    carried = sextet & 0x03;
                    quadPosition = 3;
                    break;
                default:
                    output.Add((byte)((carried << 6) | sextet));
                    quadPosition = 0;
                    break;
            }
        }

        decoded = [.. output];
        return quadPosition == 0;
    }

    /// <summary>The value of a standard base64 character, or -1.</summary>
    public static int Sextet(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };
}
