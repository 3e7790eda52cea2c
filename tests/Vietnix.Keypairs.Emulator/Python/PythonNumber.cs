using System.Globalization;
using System.Numerics;

namespace Vietnix.Keypairs.Emulator.Python;

/// <summary>
/// <c>repr()</c> of the number <c>json.loads</c> builds from a JSON number literal: an unbounded int when
/// the literal has neither fraction nor exponent, otherwise a float (shortest round-trip digits, fixed
/// notation only for decimal exponents from -4 to 16, always with a ".0" or an exponent).
/// </summary>
internal static class PythonNumber
{
    public static string Repr(string jsonNumber)
    {
        if (jsonNumber.IndexOfAny(['.', 'e', 'E']) < 0)
        {
            return BigInteger.Parse(jsonNumber, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                .ToString(CultureInfo.InvariantCulture);
        }

        return FloatRepr(double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static string FloatRepr(double value)
    {
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }

        var (digits, point) = ShortestDigits(Math.Abs(value));
        if (point <= -4 || point > 16)
        {
            var exponent = point - 1;
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        if (point <= 0)
        {
            return sign + "0." + new string('0', -point) + digits;
        }

        return point >= digits.Length
            ? sign + digits + new string('0', point - digits.Length) + ".0"
            : sign + digits[..point] + "." + digits[point..];
    }

    /// <summary>The significant digits d1d2… and the point position p of 0.d1d2… × 10^p.</summary>
    private static (string Digits, int Point) ShortestDigits(double magnitude)
    {
        // .NET's "R" already yields the shortest round-trip digits, as Python's repr does; only the layout differs.
        var text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var point = (dot < 0 ? text.Length : dot) + exponent;
        var allDigits = text.Replace(".", "", StringComparison.Ordinal);
        var significant = allDigits.TrimStart('0');
        point -= allDigits.Length - significant.Length;
        return (significant.TrimEnd('0'), point);
    }
}
