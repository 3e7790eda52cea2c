using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// Nova's os-keypairs API for one endpoint and token source. Every call negotiates the
/// microversion first (once per client) and refuses locally what the server would refuse.
/// </summary>
internal interface IKeyPairClient : IDisposable
{
    Uri Endpoint { get; }

    /// <summary>The settled microversion, or null until the first call (or NegotiateAsync) has settled it.</summary>
    ApiVersionNegotiation? Negotiation { get; }

    /// <summary>Reads the server's microversion range once and settles the version to send.</summary>
    Task<ApiVersionNegotiation> NegotiateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One small authenticated request, so that a wrong token, project or endpoint shows up when
    /// connecting rather than at the first real command.
    /// </summary>
    Task VerifyAccessAsync(CancellationToken cancellationToken);

    Task<NovaKeyPair> CreateAsync(KeyPairCreateRequest request, CancellationToken cancellationToken);

    Task<NovaKeyPair> GetAsync(string name, string? userId, CancellationToken cancellationToken);

    /// <summary>Every key pair, following the pages to the end.</summary>
    Task<IReadOnlyList<NovaKeyPair>> ListAsync(KeyPairListRequest request, CancellationToken cancellationToken);

    Task DeleteAsync(string name, string? userId, CancellationToken cancellationToken);
}
