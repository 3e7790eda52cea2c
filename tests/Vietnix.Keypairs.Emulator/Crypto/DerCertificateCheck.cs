using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// Whether a PEM body is one DER certificate, reported like rust-asn1 (pyca/cryptography 38's
/// <c>load_der_x509_certificate</c>): the outer TLV is read first (ShortData, InvalidLength), must be a
/// SEQUENCE (UnexpectedTag), must parse as a certificate, and must be all there is (ExtraData).
/// Failures inside the certificate are left to .NET's parser and reported as a bare InvalidValue,
/// without rust-asn1's field location.
/// </summary>
internal static class DerCertificateCheck
{
    public static string? FirstProblem(byte[] der)
    {
        var position = 0;
        if (!TryReadTag(der, ref position, out var tag, out var problem) || !TryReadLength(der, ref position, out var length, out problem))
        {
            return problem;
        }

        if (length > der.Length - position)
        {
            return Kind("ShortData");
        }

        if (tag != (16, true, "Universal"))
        {
            var constructed = tag.Constructed ? "true" : "false";
            return Kind($"UnexpectedTag {{ actual: Tag {{ value: {tag.Value}, constructed: {constructed}, class: {tag.Class} }} }}");
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der.AsSpan(0, position + (int)length));
        }
        catch (CryptographicException)
        {
            return Kind("InvalidValue");
        }

        return position + length == der.Length ? null : Kind("ExtraData");
    }

    private static string Kind(string kind) => $"ParseError {{ kind: {kind} }}";

    private static bool TryReadTag(byte[] der, ref int position, out (long Value, bool Constructed, string Class) tag, out string? problem)
    {
        tag = default;
        problem = null;
        if (position >= der.Length)
        {
            problem = Kind("ShortData");
            return false;
        }

        var first = der[position++];
        long value = first & 0x1F;
        if (value == 0x1F)
        {
            // High tag numbers: base-128 digits, minimal.
            value = 0;
            byte digit;
            do
            {
                if (position >= der.Length)
                {
                    problem = Kind("ShortData");
                    return false;
                }

                digit = der[position++];
                value = (value << 7) | (digit & 0x7FL);
            }
            while ((digit & 0x80) != 0 && value <= uint.MaxValue);

            if (value < 0x1F || value > uint.MaxValue)
            {
                problem = Kind("InvalidTag");
                return false;
            }
        }

        tag = (value, (first & 0x20) != 0, (first >> 6) switch { 0 => "Universal", 1 => "Application", 2 => "ContextSpecific", _ => "Private" });
        return true;
    }

    // DER lengths: definite, minimal, no leading zero bytes.
    private static bool TryReadLength(byte[] der, ref int position, out long length, out string? problem)
    {
        length = 0;
        problem = null;
        if (position >= der.Length)
        {
            problem = Kind("ShortData");
            return false;
        }

        var first = der[position++];
        if ((first & 0x80) == 0)
        {
            length = first;
            return true;
        }

        var count = first & 0x7F;
        if (count == 0)
        {
            problem = Kind("InvalidLength");
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (position >= der.Length)
            {
                problem = Kind("ShortData");
                return false;
            }

            length = (length << 8) | der[position++];
            if (length == 0 || length > int.MaxValue)
            {
                problem = Kind("InvalidLength");
                return false;
            }
        }

        if (length < 0x80)
        {
            problem = Kind("InvalidLength");
            return false;
        }

        return true;
    }
}
