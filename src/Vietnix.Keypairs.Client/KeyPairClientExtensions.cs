using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Client;

public static class KeyPairClientExtensions
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
}
