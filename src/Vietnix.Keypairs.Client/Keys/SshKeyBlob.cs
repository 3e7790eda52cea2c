using System.Collections.Generic;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// Checks a decoded key blob the way Nova's key loader (Python cryptography's load_ssh_public_key)
/// does, so a key Nova would refuse is refused here first, and reports the key size.
/// </summary>
internal static class SshKeyBlob
{
    private static readonly Dictionary<string, (string Curve, int PointLength, int Bits)> EcdsaCurves = new()
    {
        ["ecdsa-sha2-nistp256"] = ("nistp256", 65, 256),
        ["ecdsa-sha2-nistp384"] = ("nistp384", 97, 384),
        ["ecdsa-sha2-nistp521"] = ("nistp521", 133, 521),
        ["sk-ecdsa-sha2-nistp256@openssh.com"] = ("nistp256", 65, 256),
    };

    public static IReadOnlyCollection<string> SupportedTypes { get; } =
    [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-dss",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
        "ssh-ed25519-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com",
        "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
        "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
    ];

    /// <summary>
    /// The algorithm as ssh-keygen -l prints it in parentheses: ED25519, RSA, ECDSA, DSA, with "-SK"
    /// for security keys and "-CERT" for OpenSSH certificates.
    /// </summary>
    public static string AlgorithmLabel(string type)
    {
        var certificate = type.EndsWith("-cert-v01@openssh.com", System.StringComparison.Ordinal);
        var securityKey = type.StartsWith("sk-", System.StringComparison.Ordinal);
        var core = type.Contains("ed25519") ? "ED25519" : type.Contains("ecdsa") ? "ECDSA" : type.Contains("rsa") ? "RSA" : "DSA";
        return core + (securityKey ? "-SK" : "") + (certificate ? "-CERT" : "");
    }

    /// <summary>The type named inside the blob, or null if the blob does not even start with one.</summary>
    public static string? EmbeddedType(byte[] blob) =>
        new SshWireReader(blob).TryReadString(out var type) ? type : null;

    /// <summary>Returns the key size in bits (null for certificates), or throws when the blob is damaged.</summary>
    public static int? Validate(string type, byte[] blob, string where)
    {
        var reader = new SshWireReader(blob);
        reader.TryReadString(out _);
        int? bits = type switch
        {
            "ssh-ed25519" => ReadEd25519(reader, application: false),
            "sk-ssh-ed25519@openssh.com" => ReadEd25519(reader, application: true),
            "ssh-rsa" => ReadMpints(reader, 2, modulusIndex: 1),
            "ssh-dss" => ReadMpints(reader, 4, modulusIndex: 0),
            _ when EcdsaCurves.TryGetValue(type, out var curve) => ReadEcdsa(reader, curve, application: type.StartsWith("sk-", System.StringComparison.Ordinal)),
            _ => ReadCertificate(reader),
        };

        if (bits is -1 || !reader.AtEnd)
        {
            throw new PublicKeyFormatException($"The '{type}' key {where} is damaged: its key data is incomplete or has extra bytes. Copy it again from the .pub file.");
        }

        return bits;
    }

    private static int ReadEd25519(SshWireReader reader, bool application) =>
        reader.TryReadBytes(out var key) && key.Length == 32 && (!application || reader.TryReadString(out _)) ? 256 : -1;

    private static int ReadMpints(SshWireReader reader, int count, int modulusIndex)
    {
        var bits = -1;
        for (var index = 0; index < count; index++)
        {
            if (!reader.TryReadBytes(out var value) || value.Length == 0)
            {
                return -1;
            }

            if (index == modulusIndex)
            {
                bits = SshWireReader.BitLength(value);
            }
        }

        return bits;
    }

    private static int ReadEcdsa(SshWireReader reader, (string Curve, int PointLength, int Bits) curve, bool application) =>
        reader.TryReadString(out var name) && name == curve.Curve
        && reader.TryReadBytes(out var point) && point.Length == curve.PointLength && point[0] == 0x04
        && (!application || reader.TryReadString(out _))
            ? curve.Bits
            : -1;

    // An OpenSSH certificate carries fixed-width and length-prefixed fields after its nonce, and
    // Nova fingerprints the whole blob, so only its start is checked here.
    private static int? ReadCertificate(SshWireReader reader)
    {
        if (!reader.TryReadBytes(out _))
        {
            return -1;
        }

        reader.SkipRest();
        return null;
    }
}
