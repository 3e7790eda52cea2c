using System;
using System.Net.Http;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>Builds Keystone's HttpClient pipeline: retries, logging, then the network.</summary>
internal static class KeystoneClientFactory
{
    public static IKeystoneClient Create(KeystoneClientOptions options, IRequestLog? log = null) =>
        Create(options, log, () => NetworkHandler.Create(options));

    /// <summary>Tests pass their own innermost handler instead of the network.</summary>
    internal static IKeystoneClient Create(KeystoneClientOptions options, IRequestLog? log, Func<HttpMessageHandler> networkHandler)
    {
        log ??= DiscardingLog.Instance;
        var http = HttpPipeline.Build("Vietnix.Keypairs.Keystone", options, log, networkHandler,
            () => new RequestLogHandler(log));
        return new KeystoneClient(http, options);
    }
}
