using System.IO;
using System.Text;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>Writes a .pub file as ssh-keygen does: the key line, one LF, no byte order mark.</summary>
public static class PublicKeyFile
{
    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The .pub file that belongs with a private key file, as ssh-keygen names it.</summary>
    public static string PathFor(string privateKeyPath) => privateKeyPath + ".pub";

    public static void Write(string path, string publicKeyLine, bool overwrite)
    {
        using var stream = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var bytes = Utf8WithoutBom.GetBytes(publicKeyLine.TrimEnd('\r', '\n') + "\n");
        stream.Write(bytes, 0, bytes.Length);
    }
}
