using System;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// An authenticated connection to one compute endpoint: its HTTP pipeline (token, retries, logging),
/// the microversion settled once for every resource, and the resource clients over it. Another Nova
/// resource is another client beside <see cref="KeyPairs"/>, sharing the negotiation.
/// </summary>
internal interface IComputeService : IDisposable
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

    /// <summary>Nova's os-keypairs over this service.</summary>
    IKeyPairClient KeyPairs { get; }
}
