using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client;

/// <summary>Builds the HttpClient pipeline (logging, then token, then the network) through IHttpClientFactory.</summary>
public static class KeyPairClientFactory
{
    private const string ClientName = "Vietnix.Keypairs.Nova";

    public static IKeyPairClient Create(KeyPairClientOptions options, ITokenProvider tokens, IRequestLog? log = null) =>
        Create(options, tokens, log, () => CreateNetworkHandler(options));

    /// <summary>Tests pass their own innermost handler instead of the network.</summary>
    internal static IKeyPairClient Create(KeyPairClientOptions options, ITokenProvider tokens, IRequestLog? log, Func<HttpMessageHandler> networkHandler)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(ClientName, http =>
            {
                http.Timeout = options.Timeout;
                http.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(networkHandler)
            .AddHttpMessageHandler(() => new RequestLogHandler(log ?? DiscardingLog.Instance))
            .AddHttpMessageHandler(() => new AuthTokenHandler(tokens));

        var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
        return new KeyPairClient(http, options, provider);
    }

    private static HttpMessageHandler CreateNetworkHandler(KeyPairClientOptions options)
    {
        var handler = new HttpClientHandler
        {
            // A redirect would carry X-Auth-Token to wherever it points; OpenStack APIs do not redirect.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        if (options.SkipCertificateCheck)
        {
            handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        }

        return handler;
    }

    private sealed class DiscardingLog : IRequestLog
    {
        public static readonly DiscardingLog Instance = new();

        public void Add(RequestLogEntry entry)
        {
        }
    }
}
