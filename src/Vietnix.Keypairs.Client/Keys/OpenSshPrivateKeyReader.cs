using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// Reads the public half of an OpenSSH private key file ("openssh-key-v1", PROTOCOL.key), which
/// the format keeps in the clear ahead of the private section, so no passphrase is needed and the
/// private section is never decoded. This tells which key pair a private key file belongs to.
/// </summary>
internal static class OpenSshPrivateKeyReader
{
    private const string BeginArmour = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string EndArmour = "-----END OPENSSH PRIVATE KEY-----";

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");

    /// <summary>
    /// The public keys a text holds, for commands that only look at keys (never for an import): the
    /// public half of an OpenSSH private key file, or else what <see cref="PublicKeyText.ParseAll"/> reads.
    /// </summary>
    public static IReadOnlyList<ParsedPublicKey> PublicKeysIn(string text) =>
        IsPrivateKeyFile(text) ? [ReadPublicKey(text, out _)] : PublicKeyText.ParseAll(text);

    /// <summary>The one public key a text holds, as <see cref="PublicKeysIn"/> reads it; <see cref="PublicKeyText.ParseSingle"/> otherwise.</summary>
    public static ParsedPublicKey PublicKeyIn(string text) =>
        IsPrivateKeyFile(text) ? ReadPublicKey(text, out _) : PublicKeyText.ParseSingle(text);

    /// <summary>True when the text is (or starts like) an OpenSSH private key file.</summary>
    public static bool IsPrivateKeyFile(string? text) => text?.TrimStart().StartsWith(BeginArmour, StringComparison.Ordinal) == true;

    /// <summary>
    /// The file's public key, parsed as a .pub line would be (without a comment: the comment is
    /// inside the private section); whether the private section is encrypted. A file that is not a
    /// readable openssh-key-v1 file throws <see cref="PublicKeyFormatException"/>, whose message
    /// holds none of the file's content.
    /// </summary>
    public static ParsedPublicKey ReadPublicKey(string text, out bool encrypted)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(line => line.Trim()).ToList();
        var begin = lines.IndexOf(BeginArmour);
        var end = lines.IndexOf(EndArmour);
        if (begin < 0 || end < begin)
        {
            throw Unreadable("it has no BEGIN and END OPENSSH PRIVATE KEY lines");
        }

        byte[] binary;
        try
        {
            binary = Convert.FromBase64String(string.Concat(lines.Skip(begin + 1).Take(end - begin - 1)));
        }
        catch (FormatException)
        {
            throw Unreadable("its body is not base64");
        }

        try
        {
            if (binary.Length < Magic.Length || !binary.Take(Magic.Length).SequenceEqual(Magic))
            {
                throw Unreadable("it does not start with the openssh-key-v1 marker");
            }

            // The private section is skipped, never decoded: only the clear fields before it are read.
            var reader = new SshWireReader(binary);
            if (!reader.TrySkip(Magic.Length) || !reader.TryReadString(out var cipherName) || !reader.TryReadString(out _)
                || !reader.TryReadBytes(out _) || !reader.TryReadUInt32(out var keyCount) || !reader.TryReadBytes(out var publicBlob))
            {
                throw Unreadable("it ends before its public key");
            }

            if (keyCount != 1)
            {
                throw Unreadable($"it holds {keyCount} keys, and OpenSSH reads only files with one");
            }

            var type = SshKeyBlob.EmbeddedType(publicBlob) ?? throw Unreadable("its public key does not name its type");
            encrypted = cipherName != "none";
            return PublicKeyText.ParseSingle(type + " " + Convert.ToBase64String(publicBlob));
        }
        finally
        {
            Array.Clear(binary, 0, binary.Length);
        }
    }

    private static PublicKeyFormatException Unreadable(string why) =>
        new($"The file is not an OpenSSH private key that can be read: {why}.");
}
