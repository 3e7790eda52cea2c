using System.Management.Automation;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>Shows this PowerShell session's connection (never its token); nothing when not connected.</summary>
[Cmdlet(VerbsCommon.Get, "VietnixContext")]
[OutputType(typeof(VietnixContext))]
public sealed class GetVietnixContextCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        DeferredFormatData.EnsureLoaded(this);
        if (SessionStore.Current is { } session)
        {
            WriteObject(session.ToContext());
        }
        else
        {
            WriteVerbose("Not connected. Run Connect-VietnixAccount.");
        }
    }
}
