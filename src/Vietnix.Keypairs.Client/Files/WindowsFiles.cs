using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>The kernel32 calls behind <see cref="FileSet"/> on Windows.</summary>
internal static class WindowsFiles
{
    public const int ReplaceExisting = 0x1; // MOVEFILE_REPLACE_EXISTING

    public const int WriteThrough = 0x8; // MOVEFILE_WRITE_THROUGH

    private const int FileNotFound = 2;

    private const int PathNotFound = 3;

    public static string? KeepExisting(string path, string old)
    {
        if (CreateHardLink(old, path, System.IntPtr.Zero))
        {
            return old;
        }

        if (IsNotFound(Marshal.GetLastWin32Error()))
        {
            return null;
        }

        // FAT and some shares have no hard links: move the old file aside; it is put back on failure.
        if (MoveFileEx(path, old, WriteThrough))
        {
            return old;
        }

        return IsNotFound(Marshal.GetLastWin32Error()) ? null : throw Failure(path, null);
    }

    public static IOException Failure(string path, string? whenExists)
    {
        var error = Marshal.GetLastWin32Error();
        return whenExists is not null && error is 80 or 183 // ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS
            ? new IOException($"The file '{path}' {whenExists}")
            : new IOException($"Could not write '{path}': {new Win32Exception(error).Message}");
    }

    [DllImport("kernel32", EntryPoint = "MoveFileExW", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool MoveFileEx(string existingFileName, string newFileName, int flags);

    private static bool IsNotFound(int error) => error is FileNotFound or PathNotFound;

    [DllImport("kernel32", EntryPoint = "CreateHardLinkW", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CreateHardLink(string fileName, string existingFileName, System.IntPtr securityAttributes);
}
