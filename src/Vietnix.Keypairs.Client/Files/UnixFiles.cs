using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>
/// The libc calls behind <see cref="StagedFile"/> and <see cref="FileSet"/> on Linux and macOS.
/// None is variadic: open(2) is, and on Apple arm64 a variadic mode argument goes on the stack
/// where a fixed P/Invoke signature does not put it (dotnet/runtime#48752).
/// </summary>
internal static class UnixFiles
{
    public const uint OwnerReadWrite = 0x180; // 0600

    public const uint OwnerReadWriteOthersRead = 0x1A4; // 0644

    private const int NoSuchFile = 2; // ENOENT, the same on Linux and macOS

    private const int FileExists = 17; // EEXIST, the same on Linux and macOS

    private static bool IsMac => RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    private static int CloseOnExec => IsMac ? 0x1000000 : 0x80000; // O_CLOEXEC

    private static int CurrentFolder => IsMac ? -2 : -100; // AT_FDCWD

    /// <summary>
    /// Creates a new file under a random name in <paramref name="folder"/> with exactly
    /// <paramref name="mode"/>, whatever the umask, before any byte is written.
    /// </summary>
    public static (FileStream Stream, string Path) CreateTemporary(string folder, string name, uint mode)
    {
        // mkostemp creates the file O_EXCL with mode 0600 less the umask: never wider than 0600.
        var template = Encoding.UTF8.GetBytes(Path.Combine(folder, $".{name}.XXXXXX\0"));
        var descriptor = mkostemp(template, CloseOnExec);
        if (descriptor < 0)
        {
            throw Failure($"Could not create a file in '{folder}'");
        }

        var path = Encoding.UTF8.GetString(template, 0, template.Length - 1);
        var handle = new SafeFileHandle((IntPtr)descriptor, ownsHandle: true);
        if (fchmod(descriptor, mode) != 0)
        {
            var failure = Failure($"Could not set the permissions of '{path}'");
            handle.Dispose();
            File.Delete(path);
            throw failure;
        }

        return (new FileStream(handle, FileAccess.Write), path);
    }

    /// <summary>Gives <paramref name="existing"/> the name <paramref name="newPath"/>, which must be free.</summary>
    public static void LinkToFreeName(string existing, string newPath)
    {
        if (linkat(CurrentFolder, existing, CurrentFolder, newPath, 0) != 0)
        {
            throw Marshal.GetLastWin32Error() == FileExists
                ? new IOException($"The file '{newPath}' already exists. Choose another path, or allow replacing it.")
                : Failure($"Could not write '{newPath}'");
        }
    }

    /// <summary>rename(2): replaces <paramref name="to"/> in one step; a link at <paramref name="to"/> is replaced, not followed.</summary>
    public static void Rename(string from, string to)
    {
        if (rename(from, to) != 0)
        {
            throw Failure($"Could not write '{to}'");
        }
    }

    public static string? KeepExisting(string path, string old)
    {
        // A second name for the old file keeps it in place meanwhile; flags 0: a link at the path is
        // kept as the link itself. Where hard links are not allowed (FAT, some network shares, or a
        // file of another user under fs.protected_hardlinks) the old file is renamed aside instead.
        if (linkat(CurrentFolder, path, CurrentFolder, old, 0) == 0)
        {
            return old;
        }

        if (Marshal.GetLastWin32Error() == NoSuchFile)
        {
            return null;
        }

        if (rename(path, old) == 0)
        {
            return old;
        }

        return Marshal.GetLastWin32Error() == NoSuchFile ? null : throw Failure($"Could not replace '{path}'");
    }

    private static IOException Failure(string what) =>
        new($"{what}: {new Win32Exception(Marshal.GetLastWin32Error()).Message}");

    // LPStr is UTF-8 on Unix in .NET (netstandard2.0 has no LPUTF8Str); these run only there.
    [DllImport("libc", SetLastError = true)]
    private static extern int mkostemp(byte[] template, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fchmod(int descriptor, uint mode);

    [SuppressMessage("Globalization", "CA2101:Specify marshaling for P/Invoke string arguments", Justification = "Only called on Linux and macOS, where LPStr is UTF-8, as libc expects; the rule guards against Windows' ANSI code pages.")]
    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPStr)] string from, [MarshalAs(UnmanagedType.LPStr)] string to);

    [SuppressMessage("Globalization", "CA2101:Specify marshaling for P/Invoke string arguments", Justification = "Only called on Linux and macOS, where LPStr is UTF-8, as libc expects; the rule guards against Windows' ANSI code pages.")]
    [DllImport("libc", SetLastError = true)]
    private static extern int linkat(int fromFolder, [MarshalAs(UnmanagedType.LPStr)] string from, int toFolder, [MarshalAs(UnmanagedType.LPStr)] string to, int flags);
}
