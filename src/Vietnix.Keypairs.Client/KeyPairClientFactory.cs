using System;
using System.Net.Http;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client;

/// <summary>Builds Nova's HttpClient pipeline: logging, then the token, then the network.</summary>
public static class KeyPairClientFactory
{
    public static IKeyPairClient Create(KeyPairClientOptions options, ITokenProvider tokens, IRequestLog? log = null) =>
        Create(options, tokens, log, () => NetworkHandler.Create(options));

    /// <summary>Tests pass their own innermost handler instead of the network.</summary>
    internal static IKeyPairClient Create(KeyPairClientOptions options, ITokenProvider tokens, IRequestLog? log, Func<HttpMessageHandler> networkHandler)
    {
        // The log sits outside the token handler, so it never sees the token.
        var (http, owner) = HttpPipeline.Build("Vietnix.Keypairs.Nova", options, networkHandler,
            () => new RequestLogHandler(log ?? DiscardingLog.Instance),
            () => new AuthTokenHandler(tokens));
        return new KeyPairClient(http, options, owner);
    }
}
