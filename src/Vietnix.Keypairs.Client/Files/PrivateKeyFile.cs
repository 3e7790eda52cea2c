using System.IO;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>
/// Writes a private key so that no one but its owner can ever read it: the file is created with
/// its final permissions (0600 on Unix; on Windows an owner-only protected ACL, as ssh-keygen
/// sets, with the user, SYSTEM and Administrators), filled under a temporary name in the same
/// folder, and only then given its real name.
/// </summary>
internal static class PrivateKeyFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; an existing file is replaced only when <paramref name="overwrite"/> is set.</summary>
    public static void Write(string path, byte[] content, bool overwrite)
    {
        EnsureWritable(path, overwrite);
        using var staged = StagedFile.OwnerOnly(path, content);
        FileSet.PutInPlace([staged], overwrite);
    }

    /// <summary>
    /// Writes a private key and, beside it, its .pub: both files are complete before either
    /// replaces anything, and a failure leaves the files already there as they were.
    /// </summary>
    public static void WriteWithPublicKey(string path, byte[] content, string publicKeyLine, bool overwrite)
    {
        var publicPath = PublicKeyFile.PathFor(path);
        EnsureWritable(path, overwrite);
        EnsureWritable(publicPath, overwrite);
        using var privateKey = StagedFile.OwnerOnly(path, content);
        using var publicKey = StagedFile.Public(publicPath, PublicKeyFile.Content(publicKeyLine));
        FileSet.PutInPlace([privateKey, publicKey], overwrite);
    }

    /// <summary>Throws the error a write would meet, so callers can refuse before doing anything irreversible.</summary>
    public static void EnsureWritable(string path, bool overwrite)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder '{folder}' for the private key file does not exist. Create it first.");
        }

        if (Directory.Exists(fullPath))
        {
            throw new IOException($"'{fullPath}' is a folder; give the private key a file name.");
        }

        if (!overwrite && File.Exists(fullPath))
        {
            throw new IOException($"The file '{fullPath}' already exists. Choose another path, or allow replacing it.");
        }
    }
}
