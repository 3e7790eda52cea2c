using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// Turns what a user pipes in (one or more OpenSSH .pub lines, RFC 4716 "SSH2" blocks, PEM
/// certificates; with CRLF, BOMs, tabs or double spaces) into validated keys. Nova splits a key on
/// a single space and fingerprints what follows, so anything not normalised here would be stored
/// with a wrong fingerprint or refused with an opaque message.
/// </summary>
internal static class PublicKeyText
{
    private const string CertificateBegin = "-----BEGIN CERTIFICATE-----";
    private const string CertificateEnd = "-----END CERTIFICATE-----";
    private const string Ssh2Begin = "---- BEGIN SSH2 PUBLIC KEY ----";
    private const string Ssh2End = "---- END SSH2 PUBLIC KEY ----";

    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);
    private static readonly Regex PemArmour = new(@"^-----BEGIN ([A-Z0-9 ]+)-----$", RegexOptions.CultureInvariant);

    public static bool LooksLikeCertificate(string? text) =>
        text?.IndexOf(CertificateBegin, StringComparison.Ordinal) >= 0;

    /// <summary>Every key in <paramref name="text"/>; throws <see cref="PublicKeyFormatException"/> on anything that is not one.</summary>
    public static IReadOnlyList<ParsedPublicKey> ParseAll(string? text)
    {
        var lines = (text ?? string.Empty).TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var keys = new List<ParsedPublicKey>();
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == CertificateBegin)
            {
                keys.Add(ReadCertificate(lines, ref index));
            }
            else if (line == Ssh2Begin)
            {
                keys.Add(ReadSsh2Block(lines, ref index));
            }
            else
            {
                RefuseOtherFormats(line, index + 1);
                keys.Add(ParseOpenSshLine(line, $"on line {index + 1}"));
            }
        }

        return keys.Count > 0 ? keys : throw new PublicKeyFormatException("The input holds no public key: it is empty or only comments.");
    }

    /// <summary>Exactly one key, or a message saying how many there were.</summary>
    public static ParsedPublicKey ParseSingle(string? text)
    {
        var keys = ParseAll(text);
        return keys.Count == 1
            ? keys[0]
            : throw new PublicKeyFormatException($"The input holds {keys.Count} public keys, but one key pair takes one key.", keys.Count);
    }

    private static ParsedPublicKey ParseOpenSshLine(string line, string where)
    {
        var fields = Whitespace.Split(line);
        var type = fields[0];
        if (!SshKeyBlob.SupportedTypes.Contains(type))
        {
            var laterType = fields.Skip(1).FirstOrDefault(field => SshKeyBlob.SupportedTypes.Contains(field));
            throw new PublicKeyFormatException(laterType is not null
                ? $"The key {where} has text before its type '{laterType}' (authorized_keys options?). Remove everything before '{laterType}'."
                : $"The text {where} is not an OpenSSH public key. A key starts with its type ({string.Join(", ", SshKeyBlob.SupportedTypes.Take(5))}, …) followed by the base64 key data, as in an id_ed25519.pub file.");
        }

        if (fields.Length < 2)
        {
            throw new PublicKeyFormatException($"The '{type}' key {where} has no key data after its type.");
        }

        var blob = DecodeBase64(fields[1]) ?? throw new PublicKeyFormatException(
            $"The key data of the '{type}' key {where} is not valid base64; it may be truncated or wrapped across lines.");
        return BuildSshKey(type, fields[1], blob, fields.Length > 2 ? string.Join(" ", fields.Skip(2)) : null, where);
    }

    private static ParsedPublicKey BuildSshKey(string type, string base64, byte[] blob, string? comment, string where)
    {
        var embedded = SshKeyBlob.EmbeddedType(blob);
        if (embedded != type)
        {
            throw new PublicKeyFormatException(embedded is null
                ? $"The key data of the '{type}' key {where} is not an SSH key."
                : $"The key {where} says it is '{type}' but its key data is '{embedded}'. Copy the line again from the .pub file.");
        }

        if (ControlCharacters.IsIn(comment))
        {
            throw new PublicKeyFormatException($"The comment of the '{type}' key {where} holds control characters (such as ESC or NUL), which would be stored in Nova and acted on by terminals that show the key. Remove them; ssh-keygen -c -f <private key file> changes a comment.");
        }

        var bits = SshKeyBlob.Validate(type, blob, where);
        var text = comment is null ? $"{type} {base64}" : $"{type} {base64} {comment}";
        return new ParsedPublicKey(PublicKeyKind.Ssh, text, type, blob) { KeySize = bits, Comment = comment, KeyAlgorithm = SshKeyBlob.AlgorithmLabel(type) };
    }

    private static ParsedPublicKey ReadCertificate(string[] lines, ref int index)
    {
        var first = index + 1;
        var base64 = new StringBuilder();
        for (index++; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line == CertificateEnd)
            {
                var der = DecodeBase64(base64.ToString())
                    ?? throw new PublicKeyFormatException($"The certificate on lines {first}–{index + 1} has damaged base64 content.");
                return BuildCertificate(der, $"on lines {first}–{index + 1}");
            }

            base64.Append(line);
        }

        throw new PublicKeyFormatException($"The certificate that starts on line {first} has no '{CertificateEnd}' line; the input may be cut short.");
    }

    private static ParsedPublicKey BuildCertificate(byte[] der, string where)
    {
        (string Algorithm, int Bits)? key;
        try
        {
            using var certificate = new X509Certificate2(der);
            key = CertificateKey(certificate);
        }
        catch (Exception exception) when (exception is CryptographicException or NotSupportedException)
        {
            throw new PublicKeyFormatException($"The certificate {where} cannot be read as X.509: {exception.Message}");
        }

        var pem = new StringBuilder(CertificateBegin).Append('\n');
        var body = Convert.ToBase64String(der);
        for (var offset = 0; offset < body.Length; offset += 64)
        {
            pem.Append(body, offset, Math.Min(64, body.Length - offset)).Append('\n');
        }

        pem.Append(CertificateEnd).Append('\n');
        return new ParsedPublicKey(PublicKeyKind.X509Certificate, pem.ToString(), "x509", der) { KeySize = key?.Bits, KeyAlgorithm = key?.Algorithm };
    }

    // PublicKey.Key only knows RSA and DSA; Nova accepts any certificate that loads.
    private static (string Algorithm, int Bits)? CertificateKey(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return ("RSA", rsa.KeySize);
        }

        using var ecdsa = certificate.GetECDsaPublicKey();
        return ecdsa is null ? null : ("ECDSA", ecdsa.KeySize);
    }

    // RFC 4716, as PuTTYgen and ssh-keygen -e write it: headers ("Comment: …", continued by a
    // trailing backslash), then base64 lines.
    private static ParsedPublicKey ReadSsh2Block(string[] lines, ref int index)
    {
        var first = index + 1;
        var base64 = new StringBuilder();
        string? comment = null;
        var header = new StringBuilder();
        for (index++; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line == Ssh2End)
            {
                var where = $"on lines {first}–{index + 1}";
                var blob = DecodeBase64(base64.ToString())
                    ?? throw new PublicKeyFormatException($"The SSH2 public key {where} has damaged base64 content.");
                var type = SshKeyBlob.EmbeddedType(blob)
                    ?? throw new PublicKeyFormatException($"The SSH2 public key {where} does not hold an SSH key.");
                if (!SshKeyBlob.SupportedTypes.Contains(type))
                {
                    throw new PublicKeyFormatException($"The SSH2 public key {where} is of type '{type}', which Nova does not accept.");
                }

                return BuildSshKey(type, Convert.ToBase64String(blob), blob, comment, where);
            }

            // A header line ending in a backslash continues on the next line (RFC 4716 section 3.3).
            if (header.Length > 0 || (line.IndexOf(':') > 0 && base64.Length == 0))
            {
                var continues = line.EndsWith("\\", StringComparison.Ordinal);
                header.Append(continues ? line.Substring(0, line.Length - 1) : line);
                if (!continues)
                {
                    comment = CommentFrom(header.ToString()) ?? comment;
                    header.Clear();
                }

                continue;
            }

            base64.Append(line);
        }

        throw new PublicKeyFormatException($"The SSH2 public key that starts on line {first} has no '{Ssh2End}' line; the input may be cut short.");
    }

    private static string? CommentFrom(string header) =>
        header.StartsWith("Comment:", StringComparison.OrdinalIgnoreCase)
            ? header.Substring("Comment:".Length).Trim().Trim('"')
            : null;

    // Private keys and other PEM objects are refused with a message that says what they are, so a
    // private key is never sent anywhere by mistake.
    private static void RefuseOtherFormats(string line, int lineNumber)
    {
        if (line.StartsWith("PuTTY-User-Key-File", StringComparison.Ordinal))
        {
            throw new PublicKeyFormatException($"Line {lineNumber} starts a PuTTY private key file (.ppk). Import only the public key: in PuTTYgen, copy 'Public key for pasting into OpenSSH authorized_keys file'.");
        }

        var armour = PemArmour.Match(line);
        if (!armour.Success)
        {
            return;
        }

        var label = armour.Groups[1].Value;
        throw new PublicKeyFormatException(label.Contains("PRIVATE KEY")
            ? $"Line {lineNumber} starts a private key ({label}). Import only the public half, such as the .pub file next to it. Nothing was sent."
            : label == "PUBLIC KEY" || label == "RSA PUBLIC KEY"
                ? $"Line {lineNumber} starts a PEM public key ({label}), which Nova does not accept. Convert it first: ssh-keygen -i -m PKCS8 -f <file>."
                : $"Line {lineNumber} starts a PEM '{label}' block, which is not a public key Nova accepts.");
    }

    private static byte[]? DecodeBase64(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
