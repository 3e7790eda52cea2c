using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>Forgets this PowerShell session's connection and its token.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "VietnixAccount")]
[OutputType(typeof(void))]
public sealed class DisconnectVietnixAccountCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (SessionStore.Current is not { } session)
        {
            WriteVerbose("Not connected; there is nothing to forget.");
            return;
        }

        SessionStore.Replace(Runspace.DefaultRunspace, null);
        WriteVerbose($"Forgot the connection to {session.Settings.Endpoint}.");
    }
}
