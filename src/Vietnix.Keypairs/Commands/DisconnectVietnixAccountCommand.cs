using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Forgets this PowerShell session's connection, and revokes its token in Keystone when the module
/// obtained it, so that a copy of the token is worthless.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "VietnixAccount")]
[OutputType(typeof(void))]
public sealed class DisconnectVietnixAccountCommand : VietnixCmdlet
{
    protected override void EndProcessing()
    {
        if (SessionStore.Current is not { } session)
        {
            WriteVerbose("Not connected; there is nothing to forget.");
            return;
        }

        // Forget first: even if revoking fails, the session is gone from this runspace.
        SessionStore.Detach(Runspace.DefaultRunspace);
        try
        {
            RevokeToken(session);
            WriteVerbose($"Forgot the connection to {session.Service.Endpoint}.");
        }
        finally
        {
            session.Dispose();
        }
    }
}
