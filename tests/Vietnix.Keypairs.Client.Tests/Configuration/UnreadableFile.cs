using System;
using System.IO;
using System.Runtime.Versioning;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>
/// Makes a file impossible for this process to read, for as long as the returned object lives.
/// Mode 000 does that for ordinary users; root reads through it, and Windows has no such mode, so there
/// an exclusive lock (which .NET honours on Unix too) makes the read fail instead.
/// </summary>
internal static class UnreadableFile
{
    public static IDisposable Make(string path)
    {
        if (!OperatingSystem.IsWindows() && ModeZeroBlocksReading(path))
        {
            return new ModeRestorer(path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    [UnsupportedOSPlatform("windows")]
    private static bool ModeZeroBlocksReading(string path)
    {
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }

        File.SetUnixFileMode(path, ModeRestorer.OwnerReadWrite);
        return false;
    }

    [UnsupportedOSPlatform("windows")]
    private sealed class ModeRestorer(string path) : IDisposable
    {
        public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        public void Dispose() => File.SetUnixFileMode(path, OwnerReadWrite);
    }
}
