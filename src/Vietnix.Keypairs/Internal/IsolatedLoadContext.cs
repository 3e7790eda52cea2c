using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// PowerShell 7 only: the load context that holds the client and its dependencies. It answers
/// from dependencies/ before the default context is asked, so an older or newer copy of the same
/// assembly that another module loaded is never used. Assemblies the runtime itself provides at
/// an equal or newer version (System.Memory, System.Text.Json, …) come from the runtime, so types
/// such as Span&lt;T&gt; stay the platform's.
/// </summary>
internal sealed class IsolatedLoadContext : AssemblyLoadContext
{
    private static readonly object Gate = new();
    private static IsolatedLoadContext? _instance;

    private readonly DependencyFolder _folder;
    private readonly Dictionary<string, string> _platformAssemblies;

    private IsolatedLoadContext(DependencyFolder folder)
    {
        _folder = folder;
        _platformAssemblies = PlatformAssemblyPaths();
    }

    public static IsolatedLoadContext For(DependencyFolder folder)
    {
        lock (Gate)
        {
            return _instance ??= new IsolatedLoadContext(folder);
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _folder.FileFor(assemblyName);
        if (path is null || PlatformProvides(assemblyName))
        {
            return null;
        }

        return LoadFromAssemblyPath(path);
    }

    private bool PlatformProvides(AssemblyName requested)
    {
        if (!_platformAssemblies.TryGetValue(requested.Name!, out var platformPath))
        {
            return false;
        }

        return requested.Version is null || AssemblyName.GetAssemblyName(platformPath).Version >= requested.Version;
    }

    // The runtime's and PowerShell's own assemblies: the default context serves exactly these.
    private static Dictionary<string, string> PlatformAssemblyPaths() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split([Path.PathSeparator], StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
}
