using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>
/// Writes a private key so that no one but its owner can ever read it: the file is created with
/// its final permissions (0600 on Unix; on Windows an owner-only protected ACL, as ssh-keygen
/// sets, with the user, SYSTEM and Administrators), filled under a temporary name in the same
/// folder, and only then given its real name.
/// </summary>
public static class PrivateKeyFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; an existing file is replaced only when <paramref name="overwrite"/> is set.</summary>
    public static void Write(string path, byte[] content, bool overwrite)
    {
        var fullPath = Path.GetFullPath(path);
        EnsureWritable(fullPath, overwrite);

        var temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = CreateOwnerOnly(temporary))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            MoveIntoPlace(temporary, fullPath, overwrite);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
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

    private static FileStream CreateOwnerOnly(string path) =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? CreateOnWindows(path) : CreateOnUnix(path);

    private static FileStream CreateOnWindows(string path)
    {
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

        return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.Write | FileSystemRights.Read, FileShare.None, 4096, FileOptions.None, security);
    }

    private static FileStream CreateOnUnix(string path)
    {
        var descriptor = UnixFile.Open(path, UnixFile.CreateExclusiveWriteOnly, UnixFile.OwnerReadWrite);
        if (descriptor < 0)
        {
            throw new IOException($"Could not create '{path}': {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
        }

        return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)descriptor, ownsHandle: true), FileAccess.Write);
    }

    private static void MoveIntoPlace(string temporary, string path, bool overwrite)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            // A move keeps the temporary file's own protected ACL; File.Replace would take the old file's.
            if (overwrite && File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temporary, path);
            return;
        }

        // rename(2) replaces atomically; link(2) fails if the name exists, so a file that appears
        // meanwhile is never clobbered without permission.
        var result = overwrite ? UnixFile.Rename(temporary, path) : UnixFile.Link(temporary, path);
        if (result != 0)
        {
            throw new IOException($"Could not write '{path}': {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
        }
    }

    private static class UnixFile
    {
        public const int OwnerReadWrite = 0x180; // 0600

        public static int CreateExclusiveWriteOnly =>
            RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? 0x0001 | 0x0200 | 0x0800 | 0x1000000 // O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC (Darwin)
                : 0x0001 | 0x0040 | 0x0080 | 0x80000; // O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC (Linux)

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags, int mode);

        [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
        public static extern int Rename([MarshalAs(UnmanagedType.LPStr)] string from, [MarshalAs(UnmanagedType.LPStr)] string to);

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        public static extern int Link([MarshalAs(UnmanagedType.LPStr)] string existing, [MarshalAs(UnmanagedType.LPStr)] string newPath);
    }
}
