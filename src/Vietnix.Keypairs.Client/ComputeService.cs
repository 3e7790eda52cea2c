using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// One compute endpoint over one HttpClient pipeline; create one per session, not per call. It
/// settles the microversion once, and its resource clients send through it.
/// </summary>
internal sealed class ComputeService : IComputeService
{
    private readonly HttpClient _http;
    private readonly ComputeServiceOptions _options;
    private readonly SemaphoreSlim _negotiationGate = new(1, 1);
    private ApiVersionNegotiation? _negotiation;

    internal ComputeService(HttpClient http, ComputeServiceOptions options, IRequestLog? log = null)
    {
        Log = log ?? DiscardingLog.Instance;
        _http = http;
        Transport = new ApiTransport(http, "Nova", options.Timeout);
        _options = options;
        KeyPairs = new KeyPairClient(this);
    }

    public Uri Endpoint => _options.Endpoint;

    public ApiVersionNegotiation? Negotiation => _negotiation;

    public IKeyPairClient KeyPairs { get; }

    /// <summary>Status checks and bounded reads of answers, for the resource clients.</summary>
    internal ApiTransport Transport { get; }

    /// <summary>Where the resource clients note what the request log should show besides requests.</summary>
    internal IRequestLog Log { get; }

    public async Task<ApiVersionNegotiation> NegotiateAsync(CancellationToken cancellationToken)
    {
        if (_negotiation is { } settled)
        {
            return settled;
        }

        await _negotiationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_negotiation is null)
            {
                _negotiation = await DiscoverAsync(cancellationToken).ConfigureAwait(false);

                // Logged as it is settled, so -Verbose shows it after the version request and before the requests that use it.
                Log.Add(RequestLogEntry.ForNote(_negotiation.Summary()));
            }

            return _negotiation;
        }
        finally
        {
            _negotiationGate.Release();
        }
    }

    public async Task VerifyAccessAsync(CancellationToken cancellationToken)
    {
        var version = await NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
        var limit = NovaMicroversions.SupportsPaging(version) ? "1" : null;
        var url = ComputeEndpoint.KeyPairs(Endpoint, ("limit", limit));
        using var response = await SendAsync(HttpMethod.Get, url, null, version, cancellationToken).ConfigureAwait(false);
        await Transport.EnsureStatusAsync(response, HttpMethod.Get, url, 200).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiationGate.Dispose();
    }

    /// <summary>The microversion to send, settled on the first call.</summary>
    internal async Task<ComputeApiVersion> NegotiatedVersionAsync(CancellationToken cancellationToken) =>
        (await NegotiateAsync(cancellationToken).ConfigureAwait(false)).Negotiated;

    private async Task<ApiVersionNegotiation> DiscoverAsync(CancellationToken cancellationToken)
    {
        var url = ComputeEndpoint.VersionDocument(_options.Endpoint);
        using var response = await SendAsync(HttpMethod.Get, url, null, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            if (_options.ApiVersion.Specific is { } requestedVersion)
            {
                return new ApiVersionNegotiation(_options.ApiVersion, requestedVersion, null, null,
                    $"Could not read the compute version document at {url} (HTTP {(int)response.StatusCode}); sending microversion {requestedVersion} without knowing whether the server serves it.");
            }

            throw new VietnixProtocolException(
                $"Cannot use the newest microversion: the compute version document at {url} answered HTTP {(int)response.StatusCode}. Ask for a specific microversion such as {ComputeApiVersion.Default}.",
                url.AbsoluteUri);
        }

        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (VersionDocumentReader.Read(body, url.AbsoluteUri) is not { } range)
        {
            return new ApiVersionNegotiation(_options.ApiVersion, ComputeApiVersion.V2_1, null, null,
                $"The endpoint {_options.Endpoint} serves the legacy compute API without microversions; key pairs behave as at microversion 2.1.");
        }

        return ApiVersionNegotiation.Negotiate(_options.ApiVersion, range.Minimum, range.Maximum);
    }

    /// <summary>Sends one request at a microversion, or without one (and without the token) for the version document.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, byte[]? body, ComputeApiVersion? version, CancellationToken cancellationToken)
    {
        using var request = ApiTransport.JsonRequest(method, url, body);
        if (version is { } microversion)
        {
            NovaHeaders.SetMicroversion(request, microversion);
        }
        else
        {
            RequestFlags.MarkAnonymous(request);
        }

        return await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
