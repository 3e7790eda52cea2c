using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Loads the module's table views the first time one of its commands runs in a runspace, instead of
/// at Import-Module. Listed in the manifest (FormatsToProcess), the file made PowerShell build its
/// whole format table during the import, about a third of what importing the module cost, although
/// nothing is shown before a command runs.
/// </summary>
internal static class DeferredFormatData
{
    private const string FileName = "Vietnix.Keypairs.Format.ps1xml";

    private static readonly ConditionalWeakTable<Runspace, object> Loaded = new();

    private static readonly string FilePath =
        Path.Combine(Path.GetDirectoryName(typeof(DeferredFormatData).Assembly.Location)!, FileName);

    /// <summary>Call on the pipeline thread before the command writes its first object.</summary>
    public static void EnsureLoaded(PSCmdlet cmdlet)
    {
        if (Runspace.DefaultRunspace is not { } runspace || Loaded.TryGetValue(runspace, out _))
        {
            return;
        }

        // Marked first: a runspace whose format table cannot change fails the same way every time.
        Loaded.Add(runspace, FilePath);
        try
        {
            using var update = PowerShell.Create(RunspaceMode.CurrentRunspace);
            update.AddCommand("Microsoft.PowerShell.Utility\\Update-FormatData").AddParameter("AppendPath", FilePath);
            update.Invoke();
            if (update.HadErrors)
            {
                NotLoaded(cmdlet, update.Streams.Error[0].ToString());
            }
        }
        catch (Exception exception) when (exception is RuntimeException or InvalidOperationException)
        {
            NotLoaded(cmdlet, exception.Message);
        }
    }

    // Some hosts share one format table between runspaces and refuse updates; the objects are
    // still written, only in PowerShell's default layout.
    private static void NotLoaded(PSCmdlet cmdlet, string reason) =>
        cmdlet.WriteDebug($"The module's table views were not loaded ({reason}); objects are shown in PowerShell's default layout.");
}
