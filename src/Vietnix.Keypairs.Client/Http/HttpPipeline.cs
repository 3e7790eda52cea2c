using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// One HttpClient per service and session, built by IHttpClientFactory: the retry handler (which
/// also owns the per-attempt time limit), then the handlers given, outermost first, then the
/// response size limit, then the network handler. The returned owner disposes the factory's pool.
/// </summary>
internal static class HttpPipeline
{
    public static (HttpClient Client, IDisposable Owner) Build(string name, ServiceClientOptions options, IRequestLog log, Func<HttpMessageHandler> networkHandler, params Func<DelegatingHandler>[] handlers)
    {
        var retries = options.Retries ?? new RetryPolicy();
        var services = new ServiceCollection();
        var builder = services.AddHttpClient(name, http =>
            {
                // Each attempt has its own limit in the retry handler; a whole call may take several.
                http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                http.MaxResponseContentBufferSize = ResponseSizeLimitHandler.MaxResponseBytes;
                http.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(networkHandler)
            .AddHttpMessageHandler(() => new RetryHandler(retries, options.Timeout, log));
        foreach (var handler in handlers)
        {
            builder.AddHttpMessageHandler(handler);
        }

        builder.AddHttpMessageHandler(() => new ResponseSizeLimitHandler());

        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient(name), provider);
    }
}
