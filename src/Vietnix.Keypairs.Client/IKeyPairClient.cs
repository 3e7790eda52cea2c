using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// Nova's os-keypairs API over a compute service. Every call settles the service's microversion
/// first (once per service) and refuses locally what the server would refuse.
/// </summary>
internal interface IKeyPairClient
{
    Task<NovaKeyPair> CreateAsync(KeyPairCreateRequest request, CancellationToken cancellationToken);

    Task<NovaKeyPair> GetAsync(string name, string? userId, CancellationToken cancellationToken);

    /// <summary>Every key pair, following the pages to the end.</summary>
    Task<IReadOnlyList<NovaKeyPair>> ListAsync(KeyPairListRequest request, CancellationToken cancellationToken);

    Task DeleteAsync(string name, string? userId, CancellationToken cancellationToken);
}
