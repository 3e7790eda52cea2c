using System.Management.Automation;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>Removes key pairs. It asks first unless -Force (or -Confirm:$false) is given.</summary>
[Cmdlet(VerbsCommon.Remove, "VietnixKeyPair", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveVietnixKeyPairCommand : KeyPairCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = null!;

    /// <summary>The owner, when an admin removes another user's key pair (microversion 2.10 or later).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? UserId { get; set; }

    /// <summary>Remove without asking; -WhatIf still only reports.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var userId = string.IsNullOrEmpty(UserId) ? null : UserId;
        foreach (var name in Name)
        {
            var target = userId is null ? name : $"{name} (user {userId})";
            if (!ShouldProcessUnlessForced(target, "Remove key pair", Force))
            {
                continue;
            }

            if (TryInvoke(Session, (client, cancellationToken) => client.DeleteAsync(name, userId, cancellationToken), name))
            {
                WriteVerbose($"Removed key pair '{target}'.");
            }
        }
    }
}
