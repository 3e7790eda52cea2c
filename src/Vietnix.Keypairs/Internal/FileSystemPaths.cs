using System;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace Vietnix.Keypairs.Internal;

/// <summary>Paths the commands write files to: file system paths only, relative ones resolved against the current location ($PWD).</summary>
internal static class FileSystemPaths
{
    /// <summary>
    /// The file system path <paramref name="path"/> names; an <see cref="ArgumentException"/> for a
    /// path of another provider (variable:, env:, function:, a registry drive), which
    /// .NET would otherwise take as a file name relative to the process's folder.
    /// </summary>
    public static string Resolve(PSCmdlet cmdlet, string path, string parameterName)
    {
        var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.ImplementingType != typeof(FileSystemProvider))
        {
            throw new ArgumentException(
                $"-{parameterName} '{path}' is a path of the {provider.Name} provider, not a file. Give a file system path, such as ./{EscapeLeaf(path)} or ~/.ssh/{EscapeLeaf(path)}.",
                parameterName);
        }

        return resolved;
    }

    private static string EscapeLeaf(string path)
    {
        var leaf = path.Substring(path.LastIndexOfAny([':', '/', '\\']) + 1);
        return leaf.Length == 0 ? "key" : leaf;
    }
}
