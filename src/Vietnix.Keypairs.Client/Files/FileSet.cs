using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace Vietnix.Keypairs.Client.Files;

/// <summary>
/// Puts staged files in place all together or not at all, so a key pair on disk is never half new:
/// each name is replaced by a rename (a link planted at the name is replaced, never followed), the
/// file it replaces is kept under a temporary name until every file is in place, and a failure
/// puts the old files back.
/// </summary>
internal static class FileSet
{
    /// <summary>
    /// Moves every file of <paramref name="files"/> to its path. Without <paramref name="overwrite"/>
    /// an existing name is an error and is left alone.
    /// </summary>
    public static void PutInPlace(IReadOnlyList<StagedFile> files, bool overwrite)
    {
        var placed = new List<(StagedFile File, string? Old)>();
        try
        {
            foreach (var file in files)
            {
                placed.Add((file, PutOneInPlace(file, overwrite)));
            }
        }
        catch
        {
            for (var index = placed.Count - 1; index >= 0; index--)
            {
                Restore(placed[index].File.Path, placed[index].Old);
            }

            throw;
        }

        foreach (var (_, old) in placed)
        {
            if (old is not null)
            {
                DeleteQuietly(old);
            }
        }
    }

    /// <summary>Places one file; returns where the file it replaced now is, or null when the name was free.</summary>
    private static string? PutOneInPlace(StagedFile file, bool overwrite)
    {
        if (Directory.Exists(file.Path))
        {
            throw new IOException($"'{file.Path}' is a folder; give the key a file name.");
        }

        if (!overwrite)
        {
            PlatformFiles.MoveToFreeName(file.TemporaryPath, file.Path);
            return null;
        }

        var old = PlatformFiles.KeepExisting(file.Path, OldName(file.Path));
        try
        {
            PlatformFiles.Replace(file.TemporaryPath, file.Path);
            return old;
        }
        catch
        {
            Restore(file.Path, old);
            throw;
        }
    }

    // Best effort: what could not be put back is still under its temporary name, and the error
    // that got here is the one reported.
    private static void Restore(string path, string? old)
    {
        try
        {
            if (old is null)
            {
                File.Delete(path);
            }
            else
            {
                PlatformFiles.Replace(old, path);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string OldName(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.old");

    /// <summary>The renames and links, by platform; none of them follows a link at the destination.</summary>
    private static class PlatformFiles
    {
        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static void MoveToFreeName(string from, string to)
        {
            if (IsWindows)
            {
                if (!WindowsFiles.MoveFileEx(from, to, WindowsFiles.WriteThrough))
                {
                    throw WindowsFiles.Failure(to, "already exists. Choose another path, or allow replacing it.");
                }

                return;
            }

            // link(2) fails if the name exists, so a file that appears meanwhile is never clobbered;
            // the temporary name is removed when the staged file is disposed.
            UnixFiles.LinkToFreeName(from, to);
        }

        public static void Replace(string from, string to)
        {
            if (IsWindows)
            {
                // MoveFileEx keeps the moved file's own ACL (File.Replace would take the old file's)
                // and replaces the name in one step: never delete-then-move.
                if (!WindowsFiles.MoveFileEx(from, to, WindowsFiles.ReplaceExisting | WindowsFiles.WriteThrough))
                {
                    throw WindowsFiles.Failure(to, null);
                }

                return;
            }

            UnixFiles.Rename(from, to);
        }

        /// <summary>Keeps the file at <paramref name="path"/> also as <paramref name="old"/>; null when there is none.</summary>
        public static string? KeepExisting(string path, string old) =>
            IsWindows ? WindowsFiles.KeepExisting(path, old) : UnixFiles.KeepExisting(path, old);
    }
}
