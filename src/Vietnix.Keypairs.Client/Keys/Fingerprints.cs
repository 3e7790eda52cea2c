using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Security.Cryptography;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>The fingerprint forms Nova and ssh-keygen print.</summary>
internal static class Fingerprints
{
    /// <summary>Nova's ssh fingerprint: MD5 of the key blob as lower-case colon hex (ssh-keygen -E md5 without "MD5:").</summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "Nova's fingerprint of an ssh key is MD5; it identifies a key and protects nothing.")]
    public static string Md5ColonHex(byte[] keyBlob)
    {
        using var md5 = MD5.Create();
        return ColonHex(md5.ComputeHash(keyBlob));
    }

    /// <summary>ssh-keygen's default: "SHA256:" and unpadded base64.</summary>
    public static string Sha256(byte[] keyBlob)
    {
        using var sha256 = SHA256.Create();
        return "SHA256:" + Convert.ToBase64String(sha256.ComputeHash(keyBlob)).TrimEnd('=');
    }

    /// <summary>Nova's x509 fingerprint: SHA-1 of the certificate's DER as lower-case colon hex.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Nova's fingerprint of a certificate is SHA-1; it identifies a key and protects nothing.")]
    public static string Sha1ColonHex(byte[] certificateDer)
    {
        using var sha1 = SHA1.Create();
        return ColonHex(sha1.ComputeHash(certificateDer));
    }

    /// <summary>Fingerprints match regardless of letter case (openssl prints upper case, Nova lower case).</summary>
    public static bool AreEqual(string? left, string? right) =>
        left is not null && right is not null && string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string ColonHex(byte[] digest) => string.Join(":", digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
