using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Completion;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Removes key pairs. It asks first unless -Force (or -Confirm:$false) is given. Wildcards in -Name
/// are matched against the list, as Remove-Item does: each match is confirmed (and listed by
/// -WhatIf) on its own, and a pattern is never sent as a name. Up to -ThrottleLimit removals are
/// in flight at once; what they report comes out in input order. Get-VietnixKeyPair reads every
/// page before it writes, so Get | Remove never pages through a list that the removals change.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VietnixKeyPair", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveVietnixKeyPairCommand : BulkKeyPairCmdlet
{
    private protected override bool ChangesKeyPairs => true;

    private const string NameSet = "Name";

    // The default set, because PowerShell binds pipeline input to the default set first: a
    // KeyPair must reach -InputObject whole, not be taken apart into -Name and -UserId.
    private const string InputObjectSet = "InputObject";

    private readonly Dictionary<string, IReadOnlyList<NovaKeyPair>?> _lists = new(StringComparer.Ordinal);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KeyPairNameCompleter))]
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

    protected override void ProcessItems()
    {
        var targets = ParameterSetName == InputObjectSet
            ? InputObject.Select(keyPair => (keyPair.Name, UserId: keyPair.RequestedUserId))
            : Name.SelectMany(name => Expand(name, string.IsNullOrEmpty(UserId) ? null : UserId));
        foreach (var (name, userId) in targets)
        {
            var target = userId is null ? name : $"{name} (user {userId})";

            // What the real run would refuse before sending (user_id below 2.10) is refused before ShouldProcess.
            if (!TryCheck(Session, (compute, cancellationToken) => compute.CheckDeleteAsync(name, userId, cancellationToken), name))
            {
                continue;
            }

            if (!ShouldProcessUnlessForced(target, "Remove key pair", Force))
            {
                continue;
            }

            StartItem(async (item, _) =>
            {
                if (await item.TryInvokeAsync(Session, (compute, cancellationToken) => compute.KeyPairs.DeleteAsync(name, userId, cancellationToken), name).ConfigureAwait(false))
                {
                    item.WriteVerbose($"Removed key pair '{target}'.");
                }
            });
        }
    }

    // A name with wildcards stands for the key pairs it matches in the list (read once per user);
    // one that matches none is an ObjectNotFound error, never a DELETE of the pattern itself.
    private IEnumerable<(string Name, string? UserId)> Expand(string name, string? userId)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(name))
        {
            return [(name, userId)];
        }

        var key = userId ?? string.Empty;
        if (!_lists.TryGetValue(key, out var keyPairs))
        {
            var request = new KeyPairListRequest { UserId = userId };
            keyPairs = TryInvoke(Session, (compute, cancellationToken) => compute.KeyPairs.ListAsync(request, cancellationToken), name, out var listed) ? listed : null;
            _lists[key] = keyPairs;
        }

        if (keyPairs is null)
        {
            return [];
        }

        var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
        var matches = keyPairs.Where(keyPair => pattern.IsMatch(keyPair.Name)).Select(keyPair => (keyPair.Name, userId)).ToList();
        if (matches.Count == 0)
        {
            WriteItemError(ErrorMapper.Create(
                new ItemNotFoundException($"No key pair matches '{name}'{(userId is null ? string.Empty : $" for user {userId}")}, so nothing was removed."),
                ErrorIds.KeyPairNotFound, ErrorCategory.ObjectNotFound, name,
                "Check the pattern with Get-VietnixKeyPair -Name '" + name + "'. Names are matched without regard to letter case."));
        }

        return matches;
    }
}
