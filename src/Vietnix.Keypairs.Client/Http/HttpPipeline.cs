using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Http;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// One HttpClient per service and session: the retry handler (which also owns the per-attempt time
/// limit), then the handlers given, outermost first, then the response size limit, then the network
/// handler. The chain is composed by Microsoft.Extensions.Http's handler builder, the part of the
/// library that is about handler chains; a session has exactly one client for its whole life, so
/// the factory's pooling and dependency-injection container would only add start-up cost.
/// Disposing the client disposes the whole chain.
/// </summary>
internal static class HttpPipeline
{
    public static HttpClient Build(string name, ServiceClientOptions options, IRequestLog log, Func<HttpMessageHandler> networkHandler, params Func<DelegatingHandler>[] handlers)
    {
        var retries = options.Retries ?? new RetryPolicy();
        var builder = new ChainBuilder(name, networkHandler());
        builder.AdditionalHandlers.Add(new RetryHandler(retries, options.Timeout, log));
        foreach (var handler in handlers)
        {
            builder.AdditionalHandlers.Add(handler());
        }

        builder.AdditionalHandlers.Add(new ResponseSizeLimitHandler());

        var http = new HttpClient(builder.Build(), disposeHandler: true)
        {
            // Each attempt has its own limit in the retry handler; a whole call may take several.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = ResponseSizeLimitHandler.MaxResponseBytes,
        };
        http.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
        return http;
    }

    private sealed class ChainBuilder : HttpMessageHandlerBuilder
    {
        public ChainBuilder(string name, HttpMessageHandler primaryHandler)
        {
            Name = name;
            PrimaryHandler = primaryHandler;
        }

        public override string? Name { get; set; }

        public override HttpMessageHandler PrimaryHandler { get; set; }

        public override IList<DelegatingHandler> AdditionalHandlers { get; } = new List<DelegatingHandler>();

        public override HttpMessageHandler Build() => CreateHandlerPipeline(PrimaryHandler, AdditionalHandlers);
    }
}
