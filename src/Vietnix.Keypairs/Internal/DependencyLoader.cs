using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Serves the module's private assemblies from its dependencies/ folder. On PowerShell 7 they load
/// into a load context of their own, so other versions of Microsoft.Extensions.* in the session
/// cannot collide with ours. Windows PowerShell 5.1 has one context per process, so there the
/// handler can only answer the failed bindings (for example the version mismatches that 5.1's
/// missing binding redirects cause) with our copies.
/// </summary>
internal static class DependencyLoader
{
    private static readonly Assembly CmdletAssembly = typeof(DependencyLoader).Assembly;
    private static readonly DependencyFolder Folder = new(Path.Combine(Path.GetDirectoryName(CmdletAssembly.Location)!, "dependencies"));
    private static readonly bool IsCoreClr = typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";
    private static readonly object Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _registered = true;
            }
        }
    }

    public static void Unregister()
    {
        lock (Gate)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            _registered = false;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var requested = new AssemblyName(args.Name);
        if (!Folder.ShouldServe(requested, args.RequestingAssembly, CmdletAssembly, IsCoreClr, out var path))
        {
            return null;
        }

        return IsCoreClr ? LoadIsolated(requested) : Assembly.LoadFrom(path);
    }

    // Kept out of Resolve so that Windows PowerShell never has to load the AssemblyLoadContext type.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly LoadIsolated(AssemblyName requested) =>
        IsolatedLoadContext.For(Folder).LoadFromAssemblyName(requested);
}
