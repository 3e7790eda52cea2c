using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// One HttpClient per service and session, built by IHttpClientFactory: the handlers given run
/// outermost first, then the network handler. The returned owner disposes the factory's pool.
/// </summary>
internal static class HttpPipeline
{
    public static (HttpClient Client, IDisposable Owner) Build(string name, ServiceClientOptions options, Func<HttpMessageHandler> networkHandler, params Func<DelegatingHandler>[] handlers)
    {
        var services = new ServiceCollection();
        var builder = services.AddHttpClient(name, http =>
            {
                http.Timeout = options.Timeout;
                http.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(networkHandler);
        foreach (var handler in handlers)
        {
            builder.AddHttpMessageHandler(handler);
        }

        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient(name), provider);
    }
}
