using System.Text;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>Writes a .pub file as ssh-keygen does: the key line, one LF, no byte order mark.</summary>
internal static class PublicKeyFile
{
    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The .pub file that belongs with a private key file, as ssh-keygen names it.</summary>
    public static string PathFor(string privateKeyPath) => privateKeyPath + ".pub";

    /// <summary>The bytes of a .pub file holding <paramref name="publicKeyLine"/>.</summary>
    public static byte[] Content(string publicKeyLine) => Utf8WithoutBom.GetBytes(publicKeyLine.TrimEnd('\r', '\n') + "\n");

    /// <summary>Writes the file the way a private key is written (a new file, then a rename), so a link planted at <paramref name="path"/> is replaced, never followed.</summary>
    public static void Write(string path, string publicKeyLine, bool overwrite)
    {
        using var staged = StagedFile.Public(path, Content(publicKeyLine));
        FileSet.PutInPlace([staged], overwrite);
    }
}
