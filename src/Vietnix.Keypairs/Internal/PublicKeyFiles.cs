using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// How the commands that read public keys from files find and read them: -Path with wildcards,
/// -LiteralPath (what Get-ChildItem output binds to), each failure one error naming the path.
/// </summary>
internal static class PublicKeyFiles
{
    /// <summary>The files named by whichever of -Path (<paramref name="wildcardPaths"/>) and -LiteralPath the command was given.</summary>
    /// <param name="unresolved">How many of the paths named no file (each has had its error).</param>
    public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, string[]? wildcardPaths, string[]? literalPaths, out int unresolved)
    {
        var files = new List<string>();
        unresolved = 0;
        foreach (var path in wildcardPaths ?? [])
        {
            var matches = ResolveWildcard(cmdlet, path);
            unresolved += matches.Count == 0 ? 1 : 0;
            files.AddRange(matches);
        }

        foreach (var path in literalPaths ?? [])
        {
            if (ResolveLiteral(cmdlet, path) is { } file)
            {
                files.Add(file);
            }
            else
            {
                unresolved++;
            }
        }

        return files;
    }

    private static IReadOnlyList<string> ResolveWildcard(PSCmdlet cmdlet, string path)
    {
        List<string> files;
        try
        {
            files = cmdlet.GetResolvedProviderPathFromPSPath(path, out _).Where(File.Exists).ToList();
        }
        catch (ItemNotFoundException)
        {
            files = [];
        }

        if (files.Count == 0)
        {
            WriteInOrder(cmdlet, ErrorMapper.Create(new ItemNotFoundException($"No public key file matches '{path}'."), ErrorIds.PublicKeyFileNotFound, ErrorCategory.ObjectNotFound, path));
        }

        return files;
    }

    private static string? ResolveLiteral(PSCmdlet cmdlet, string path)
    {
        var file = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        if (File.Exists(file))
        {
            return file;
        }

        var problem = Directory.Exists(file) ? $"'{file}' is a folder, not a public key file." : $"The public key file '{file}' does not exist.";
        WriteInOrder(cmdlet, ErrorMapper.Create(new ItemNotFoundException(problem), ErrorIds.PublicKeyFileNotFound, ErrorCategory.ObjectNotFound, path));
        return null;
    }

    public static bool TryRead(PSCmdlet cmdlet, string file, out string text)
    {
        try
        {
            text = File.ReadAllText(file);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            WriteInOrder(cmdlet, ErrorMapper.Create(new IOException($"The public key file '{file}' could not be read: {exception.Message}", exception), ErrorIds.PublicKeyFileUnreadable, ErrorCategory.ReadError, file));
            text = null!;
            return false;
        }
    }

    /// <summary>The key pair name a file gives when no -Name is given: its base name, as ssh-keygen's id_ed25519.pub gives id_ed25519.</summary>
    public static string NameOf(string file) => Path.GetFileNameWithoutExtension(file);

    /// <summary>An error about one input; a bulk command writes it at its place among the items in flight.</summary>
    internal static void WriteInOrder(PSCmdlet cmdlet, ErrorRecord error)
    {
        if (cmdlet is VietnixCmdlet vietnix)
        {
            vietnix.WriteItemError(error);
        }
        else
        {
            cmdlet.WriteError(error);
        }
    }
}
