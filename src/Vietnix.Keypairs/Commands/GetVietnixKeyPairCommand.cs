using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Completion;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Gets key pairs. An exact name reads the detail view (with CreatedAt and UserId); wildcards
/// and no name read the list, following every page.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VietnixKeyPair")]
[OutputType(typeof(KeyPair))]
public sealed class GetVietnixKeyPairCommand : KeyPairCmdlet
{
    private readonly Dictionary<string, IReadOnlyList<NovaKeyPair>> _lists = new();

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KeyPairNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Another user's key pairs (admin only; microversion 2.10 or later).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? UserId { get; set; }

    /// <summary>Key pairs per request when listing (microversion 2.35 or later); all pages are still read.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? PageSize { get; set; }

    protected override void ProcessRecord()
    {
        var userId = string.IsNullOrEmpty(UserId) ? null : UserId;
        if (Name is null || Name.Length == 0)
        {
            WriteKeyPairs(List(userId), userId);
            return;
        }

        foreach (var name in Name)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                WriteKeyPairs(List(userId).Where(keyPair => pattern.IsMatch(keyPair.Name)), userId);
            }
            else if (TryInvoke(Session, (compute, cancellationToken) => compute.KeyPairs.GetAsync(name, userId, cancellationToken), name, out var keyPair))
            {
                WriteObject(KeyPairFactory.From(keyPair, userId));
            }
        }
    }

    // One listing per user per command, however many patterns ask for it.
    private IReadOnlyList<NovaKeyPair> List(string? userId)
    {
        var key = userId ?? string.Empty;
        if (!_lists.TryGetValue(key, out var keyPairs))
        {
            var request = new KeyPairListRequest { UserId = userId, PageSize = PageSize };
            keyPairs = TryInvoke(Session, (compute, cancellationToken) => compute.KeyPairs.ListAsync(request, cancellationToken), userId, out var listed) ? listed : [];
            _lists[key] = keyPairs;
        }

        return keyPairs;
    }

    private void WriteKeyPairs(IEnumerable<NovaKeyPair> keyPairs, string? userId)
    {
        foreach (var keyPair in keyPairs)
        {
            WriteObject(KeyPairFactory.From(keyPair, userId));
        }
    }
}
