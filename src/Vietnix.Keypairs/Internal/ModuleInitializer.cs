using System.Management.Automation;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Runs when the module is imported, before any cmdlet touches the client, so that the client and
/// its dependencies load from dependencies/ and not from whatever another module brought.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => DependencyLoader.Register();

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Unregister();
}
