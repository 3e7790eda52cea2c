using System;
using System.IO;
using System.Reflection;

namespace Vietnix.Keypairs.Internal;

/// <summary>Decides which assembly requests the module answers from its dependencies/ folder.</summary>
internal sealed class DependencyFolder(string path)
{
    public string Path { get; } = path;

    public string? FileFor(AssemblyName name)
    {
        if (string.IsNullOrEmpty(name.Name))
        {
            return null;
        }

        var candidate = System.IO.Path.Combine(Path, name.Name + ".dll");
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>
    /// On PowerShell 7 only the cmdlet assembly's own requests are answered (the isolated context
    /// serves everything after that). On Windows PowerShell the requests of the module's
    /// dependencies are answered too, and those with no known requester, which .NET Framework
    /// often reports for static references.
    /// </summary>
    public bool ShouldServe(AssemblyName requested, Assembly? requester, Assembly cmdletAssembly, bool isCoreClr, out string path)
    {
        path = FileFor(requested) ?? string.Empty;
        if (path.Length == 0)
        {
            return false;
        }

        if (requester == cmdletAssembly)
        {
            return true;
        }

        return !isCoreClr && (requester is null || IsInside(requester));
    }

    private bool IsInside(Assembly assembly)
    {
        var location = assembly.IsDynamic ? null : assembly.Location;
        if (string.IsNullOrEmpty(location))
        {
            return false;
        }

        var folder = System.IO.Path.GetFullPath(Path).TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        return System.IO.Path.GetFullPath(location).StartsWith(folder, StringComparison.OrdinalIgnoreCase);
    }
}
