using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// Whether Nova accepts an OpenSSH public key line: Nova (crypto.generate_fingerprint) only calls
/// pyca/cryptography's <c>load_ssh_public_key</c> to validate it. This follows that function as shipped
/// with Zed on Debian 12 (cryptography 38.0.4): the line must start <c>TYPE[ \t]+BASE64</c>; TYPE is
/// ssh-rsa, ssh-dss, ssh-ed25519 or ecdsa-sha2-nistp256/384/521, optionally as an OpenSSH certificate
/// (<c>-cert-v01@openssh.com</c>); the blob must name the same type, hold a well-formed key of it and
/// nothing more. The FIDO types (sk-…@openssh.com) only arrived in later cryptography releases.
/// </summary>
internal static class SshPublicKeyValidator
{
    private const string CertificateSuffix = "-cert-v01@openssh.com";

    public static bool CanLoad(ReadOnlySpan<byte> line)
    {
        if (!TrySplit(line, out var keyType, out var keyBody))
        {
            return false;
        }

        var typeName = Encoding.Latin1.GetString(keyType);
        var isCertificate = typeName.EndsWith(CertificateSuffix, StringComparison.Ordinal);
        var keyFormat = isCertificate ? typeName[..^CertificateSuffix.Length] : typeName;
        if (keyFormat is not ("ssh-rsa" or "ssh-dss" or "ssh-ed25519" or "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521")
            || !PythonBase64.TryDecode(keyBody, out var blob))
        {
            return false;
        }

        try
        {
            var reader = new SshBlobReader(blob);
            if (!reader.ReadString().SequenceEqual(keyType))
            {
                return false;
            }

            if (isCertificate)
            {
                reader.ReadString(); // nonce
            }

            if (!IsWellFormedKey(ref reader, keyFormat))
            {
                return false;
            }

            if (isCertificate)
            {
                SkipCertificateFields(ref reader);
            }

            return reader.IsEmpty;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // The byte regex \A(\S+)[ \t]+(\S+), where \s is ASCII whitespace.
    private static bool TrySplit(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> keyType, out ReadOnlySpan<byte> keyBody)
    {
        var typeEnd = line.IndexOfAny(" \t\n\r\v\f"u8);
        typeEnd = typeEnd < 0 ? line.Length : typeEnd;
        var bodyStart = line[typeEnd..].IndexOfAnyExcept(" \t"u8);
        bodyStart = bodyStart < 0 ? line.Length : typeEnd + bodyStart;
        var bodyLength = line[bodyStart..].IndexOfAny(" \t\n\r\v\f"u8);
        bodyLength = bodyLength < 0 ? line.Length - bodyStart : bodyLength;
        keyType = line[..typeEnd];
        keyBody = line.Slice(bodyStart, bodyLength);
        return typeEnd > 0 && bodyStart > typeEnd && bodyLength > 0;
    }

    private static bool IsWellFormedKey(ref SshBlobReader reader, string keyFormat)
    {
        switch (keyFormat)
        {
            case "ssh-rsa":
                // rsa._check_public_key_components
                var e = reader.ReadMpint();
                var n = reader.ReadMpint();
                return n >= 3 && e >= 3 && e < n && !e.IsEven;
            case "ssh-dss":
                // _SSHFormatDSA._validate and dsa._check_dsa_parameters; y is not checked.
                var p = reader.ReadMpint();
                var q = reader.ReadMpint();
                var g = reader.ReadMpint();
                reader.ReadMpint();
                return p.GetBitLength() == 1024 && q.GetBitLength() is 160 or 224 or 256 && g > BigInteger.One && g < p;
            case "ssh-ed25519":
                return reader.ReadString().Length == 32;
            default:
                var curveName = reader.ReadString();
                var point = reader.ReadString();
                var (sshCurve, curve) = keyFormat switch
                {
                    "ecdsa-sha2-nistp256" => ("nistp256", ECCurve.NamedCurves.nistP256),
                    "ecdsa-sha2-nistp384" => ("nistp384", ECCurve.NamedCurves.nistP384),
                    _ => ("nistp521", ECCurve.NamedCurves.nistP521),
                };
                return curveName.SequenceEqual(Encoding.ASCII.GetBytes(sshCurve)) && !point.IsEmpty && point[0] == 4
                    && EcPointCheck.IsUncompressedPointOnCurve(curve, point);
        }
    }

    private static void SkipCertificateFields(ref SshBlobReader reader)
    {
        reader.ReadUInt64(); // serial
        reader.ReadUInt32(); // certificate type
        reader.ReadString(); // key id
        reader.ReadString(); // principals
        reader.ReadUInt64(); // valid after
        reader.ReadUInt64(); // valid before
        reader.ReadString(); // critical options
        reader.ReadString(); // extensions
        reader.ReadString(); // reserved
        reader.ReadString(); // signature key
        reader.ReadString(); // signature
    }
}
