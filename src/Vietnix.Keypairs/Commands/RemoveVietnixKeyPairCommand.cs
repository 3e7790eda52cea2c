using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>Removes key pairs. It asks first unless -Force (or -Confirm:$false) is given.</summary>
[Cmdlet(VerbsCommon.Remove, "VietnixKeyPair", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveVietnixKeyPairCommand : KeyPairCmdlet
{
    private const string NameSet = "Name";

    // The default set, because PowerShell binds pipeline input to the default set first: a
    // KeyPair must reach -InputObject whole, not be taken apart into -Name and -UserId.
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = null!;

    /// <summary>The owner, when an admin removes another user's key pair (microversion 2.10 or later).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
    public string? UserId { get; set; }

    /// <summary>Key pairs from Get-VietnixKeyPair; each is removed for the user it was read for.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNullOrEmpty]
    public KeyPair[] InputObject { get; set; } = null!;

    /// <summary>Remove without asking; -WhatIf still only reports.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var targets = ParameterSetName == InputObjectSet
            ? InputObject.Select(keyPair => (keyPair.Name, UserId: keyPair.RequestedUserId))
            : Name.Select(name => (Name: name, UserId: string.IsNullOrEmpty(UserId) ? null : UserId));
        foreach (var (name, userId) in targets)
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
