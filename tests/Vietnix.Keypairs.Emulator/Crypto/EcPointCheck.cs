using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// OpenSSL's EC_POINT_oct2point for an uncompressed point (what cryptography's from_encoded_point
/// runs): exactly 1 + 2 × field-size bytes, both coordinates below the field prime, and y² = x³ + ax + b.
/// </summary>
internal static class EcPointCheck
{
    private static readonly ConcurrentDictionary<string, (BigInteger Prime, BigInteger A, BigInteger B, int Size)> Curves = new();

    public static bool IsUncompressedPointOnCurve(ECCurve namedCurve, ReadOnlySpan<byte> point)
    {
        var (prime, a, b, size) = Curves.GetOrAdd(namedCurve.Oid.Value!, _ => Describe(namedCurve));
        if (point.Length != 1 + (2 * size))
        {
            return false;
        }

        var x = Unsigned(point.Slice(1, size));
        var y = Unsigned(point.Slice(1 + size, size));
        if (x >= prime || y >= prime)
        {
            return false;
        }

        var difference = ((y * y) - ((x * x * x) + (a * x) + b)) % prime;
        return difference.IsZero;
    }

    private static (BigInteger, BigInteger, BigInteger, int) Describe(ECCurve namedCurve)
    {
        using var key = ECDsa.Create(namedCurve);
        var curve = key.ExportExplicitParameters(includePrivateParameters: false).Curve;
        return (Unsigned(curve.Prime), Unsigned(curve.A), Unsigned(curve.B), curve.Prime!.Length);
    }

    private static BigInteger Unsigned(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);
}
