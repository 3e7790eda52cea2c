using System;
using System.Net.Http;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client;

/// <summary>Builds Nova's HttpClient pipeline (retries, logging, then the token, then the network) and the compute service over it.</summary>
internal static class ComputeServiceFactory
{
    public static IComputeService Create(ComputeServiceOptions options, ITokenProvider tokens, IRequestLog? log = null) =>
        Create(options, tokens, log, () => NetworkHandler.Create(options));

    /// <summary>Tests pass their own innermost handler instead of the network.</summary>
    internal static IComputeService Create(ComputeServiceOptions options, ITokenProvider tokens, IRequestLog? log, Func<HttpMessageHandler> networkHandler)
    {
        // The log sits outside the token handler, so it never sees the token.
        log ??= DiscardingLog.Instance;
        var http = HttpPipeline.Build("Vietnix.Keypairs.Nova", options, log, networkHandler,
            () => new RequestLogHandler(log),
            () => new AuthTokenHandler(tokens));
        return new ComputeService(http, options, log);
    }
}
