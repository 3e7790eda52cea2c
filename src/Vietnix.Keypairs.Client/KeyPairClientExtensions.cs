using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Client;

internal static class KeyPairClientExtensions
{
    /// <summary>The key pair of that name, or null when the server has none (a 404 is an answer here, not a failure).</summary>
    public static async Task<NovaKeyPair?> FindAsync(this IKeyPairClient client, string name, string? userId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(name, userId, cancellationToken).ConfigureAwait(false);
        }
        catch (VietnixNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Refuses, after settling the microversion and before anything is changed, what a create would
    /// refuse locally: so a -WhatIf run refuses what the real run would, with the same error.
    /// </summary>
    public static async Task CheckCreateAsync(this IComputeService service, KeyPairCreateRequest request, CancellationToken cancellationToken)
    {
        var negotiation = await service.NegotiateAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckCreate(request, negotiation.Negotiated);
    }

    /// <summary>Refuses, before anything is changed, a delete the client would refuse (an unaddressable name, user_id below 2.10).</summary>
    public static async Task CheckDeleteAsync(this IComputeService service, string name, string? userId, CancellationToken cancellationToken)
    {
        var negotiation = await service.NegotiateAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckAddressableName(name);
        KeyPairRequestRules.CheckUserId(userId, negotiation.Negotiated);
    }
}
