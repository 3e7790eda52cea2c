using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>
/// A file written in full under a fresh temporary name in the folder of its final path, not yet
/// in place. The temporary file is created exclusively (it cannot be a link someone planted) with
/// its final permissions before any byte is written; disposing removes it unless it was put in place.
/// </summary>
internal sealed class StagedFile : IDisposable
{
    private StagedFile(string path, string temporaryPath)
    {
        Path = path;
        TemporaryPath = temporaryPath;
    }

    /// <summary>The full path the file is meant for.</summary>
    public string Path { get; }

    internal string TemporaryPath { get; }

    /// <summary>Readable and writable by its owner only: 0600 on Unix; on Windows an owner-only protected ACL (user, SYSTEM, Administrators), as ssh-keygen sets.</summary>
    public static StagedFile OwnerOnly(string path, byte[] content) => Stage(path, content, ownerOnly: true);

    /// <summary>Readable by everyone, writable by its owner: 0644 on Unix, as ssh-keygen writes a .pub; the folder's inherited ACL on Windows.</summary>
    public static StagedFile Public(string path, byte[] content) => Stage(path, content, ownerOnly: false);

    public void Dispose()
    {
        try
        {
            File.Delete(TemporaryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Only a temporary file; a failure to write the real one is what gets reported.
        }
    }

    private static StagedFile Stage(string path, byte[] content, bool ownerOnly)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath)!;
        var (stream, temporary) = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? CreateOnWindows(folder, System.IO.Path.GetFileName(fullPath), ownerOnly)
            : UnixFiles.CreateTemporary(folder, System.IO.Path.GetFileName(fullPath), ownerOnly ? UnixFiles.OwnerReadWrite : UnixFiles.OwnerReadWriteOthersRead);
        var staged = new StagedFile(fullPath, temporary);
        try
        {
            using (stream)
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    private static (FileStream Stream, string Path) CreateOnWindows(string folder, string name, bool ownerOnly)
    {
        var temporary = System.IO.Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        if (!ownerOnly)
        {
            return (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None), temporary);
        }

        var user = WindowsIdentity.GetCurrent().User!;
        var security = new FileSecurity();
        security.SetOwner(user);
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        foreach (var identity in new IdentityReference[]
                 {
                     user,
                     new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
                     new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
                 })
        {
            security.AddAccessRule(new FileSystemAccessRule(identity, FileSystemRights.FullControl, AccessControlType.Allow));
        }

        return (new FileInfo(temporary).Create(FileMode.CreateNew, FileSystemRights.Write | FileSystemRights.Read, FileShare.None, 4096, FileOptions.None, security), temporary);
    }
}
