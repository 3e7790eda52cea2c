using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Client;

/// <summary>Nova os-keypairs over one HttpClient pipeline; create one per session, not per call.</summary>
internal sealed class KeyPairClient : IKeyPairClient
{
    private readonly HttpClient _http;
    private readonly ApiTransport _transport;
    private readonly KeyPairClientOptions _options;
    private readonly IRequestLog _log;
    private readonly SemaphoreSlim _negotiationGate = new(1, 1);
    private ApiVersionNegotiation? _negotiation;

    internal KeyPairClient(HttpClient http, KeyPairClientOptions options, IRequestLog? log = null)
    {
        _log = log ?? DiscardingLog.Instance;
        _http = http;
        _transport = new ApiTransport(http, "Nova", options.Timeout);
        _options = options;
    }

    public Uri Endpoint => _options.Endpoint;

    public ApiVersionNegotiation? Negotiation => _negotiation;

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
                _log.Add(RequestLogEntry.ForNote(_negotiation.Summary()));
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
        var url = ComputeEndpoint.KeyPairs(_options.Endpoint, ("limit", limit));
        using var response = await SendAsync(HttpMethod.Get, url, null, version, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureStatusAsync(response, HttpMethod.Get, url, 200).ConfigureAwait(false);
    }

    public async Task<NovaKeyPair> CreateAsync(KeyPairCreateRequest request, CancellationToken cancellationToken)
    {
        var version = await NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckCreate(request, version);

        var envelope = new CreateKeyPairEnvelope
        {
            KeyPair =
            {
                Name = request.Name,
                PublicKey = request.PublicKey,
                Type = WireType(request.Type, version),
                UserId = request.UserId,
            },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, NovaJsonContext.Default.CreateKeyPairEnvelope);
        var url = ComputeEndpoint.KeyPairs(_options.Endpoint);
        using var response = await SendAsync(HttpMethod.Post, url, body, version, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureStatusAsync(response, HttpMethod.Post, url, 200, 201).ConfigureAwait(false);
        var created = await _transport.ReadAsync(response, url, NovaJsonContext.Default.KeyPairEnvelope).ConfigureAwait(false);
        return ToModel(created.KeyPair, url, request.UserId);
    }

    public async Task<NovaKeyPair> GetAsync(string name, string? userId, CancellationToken cancellationToken)
    {
        var version = await NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckAddressableName(name);
        KeyPairRequestRules.CheckUserId(userId, version);

        var url = ComputeEndpoint.KeyPair(_options.Endpoint, name, ("user_id", userId));
        using var response = await SendAsync(HttpMethod.Get, url, null, version, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureStatusAsync(response, HttpMethod.Get, url, 200).ConfigureAwait(false);
        var shown = await _transport.ReadAsync(response, url, NovaJsonContext.Default.KeyPairEnvelope).ConfigureAwait(false);
        return ToModel(shown.KeyPair, url, userId);
    }

    public async Task<IReadOnlyList<NovaKeyPair>> ListAsync(KeyPairListRequest request, CancellationToken cancellationToken)
    {
        var version = await NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckUserId(request.UserId, version);
        if (request.PageSize is <= 0)
        {
            // Nova answers limit=0 with an empty page and no link, which would end the listing early.
            throw new ArgumentOutOfRangeException(nameof(request), "The page size must be at least 1.");
        }

        var paging = NovaMicroversions.SupportsPaging(version);
        var pageSize = paging ? request.PageSize?.ToString(CultureInfo.InvariantCulture) : null;
        var all = new List<NovaKeyPair>();
        string? marker = null;
        while (true)
        {
            var url = ComputeEndpoint.KeyPairs(_options.Endpoint, ("user_id", request.UserId), ("limit", pageSize), ("marker", marker));
            using var response = await SendAsync(HttpMethod.Get, url, null, version, cancellationToken).ConfigureAwait(false);
            await _transport.EnsureStatusAsync(response, HttpMethod.Get, url, 200).ConfigureAwait(false);
            var page = await _transport.ReadAsync(response, url, NovaJsonContext.Default.KeyPairListEnvelope).ConfigureAwait(false);
            // Nova always sends the list, empty or not: an answer without it is not Nova's, and
            // reading it as "no key pairs" would make a listing silently miss them all.
            var listed = page.KeyPairs ?? throw new VietnixProtocolException(
                $"{url} answered 200 without the \"keypairs\" list Nova sends; something other than Nova may be answering (a proxy, a captive portal).",
                url.AbsoluteUri);
            var items = listed.Select(item => ToModel(item?.KeyPair, url, request.UserId)).ToList();
            all.AddRange(items);

            // Nova sends a next link whenever a page is full, even when nothing follows, so an
            // empty page also ends the listing. The link's host may be an internal one: only the
            // fact that it exists is used, and the marker is the last name seen.
            var hasNext = page.Links?.Any(link => string.Equals(link?.Rel, "next", StringComparison.OrdinalIgnoreCase)) == true;
            if (!paging || items.Count == 0 || !hasNext)
            {
                return all;
            }

            var nextMarker = items[items.Count - 1].Name;
            if (nextMarker == marker)
            {
                throw new VietnixProtocolException($"Paging through {url} did not advance past '{marker}'; stopping instead of looping.", url.AbsoluteUri);
            }

            marker = nextMarker;
        }
    }

    public async Task DeleteAsync(string name, string? userId, CancellationToken cancellationToken)
    {
        var version = await NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckAddressableName(name);
        KeyPairRequestRules.CheckUserId(userId, version);

        var url = ComputeEndpoint.KeyPair(_options.Endpoint, name, ("user_id", userId));
        using var response = await SendAsync(HttpMethod.Delete, url, null, version, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 404 && RequestFlags.EarlierAttemptWasUncertain(response))
        {
            _log.Add(RequestLogEntry.ForNote($"DELETE {url} found no key pair '{name}' after an earlier attempt lost its answer: that attempt deleted it, so the delete succeeded."));
            return;
        }

        await _transport.EnsureStatusAsync(response, HttpMethod.Delete, url, 202, 204).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiationGate.Dispose();
    }

    private async Task<ComputeApiVersion> NegotiatedVersionAsync(CancellationToken cancellationToken) =>
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

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, byte[]? body, ComputeApiVersion? version, CancellationToken cancellationToken)
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

        return await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static NovaKeyPair ToModel(KeyPairBody? body, Uri url, string? requestedUserId)
    {
        if (body?.Name is null || body.PublicKey is null || body.Fingerprint is null)
        {
            throw new VietnixProtocolException($"{url} answered with a key pair that lacks a name, public key or fingerprint.", url.AbsoluteUri);
        }

        return new NovaKeyPair(body.Name, body.PublicKey, body.Fingerprint)
        {
            // Below 2.2 Nova sends no type; a certificate is recognisable by its PEM armour.
            Type = body.Type ?? (PublicKeyText.LooksLikeCertificate(body.PublicKey) ? "x509" : "ssh"),

            // A list filtered by user_id omits user_id from the items, but they all belong to that user.
            UserId = body.UserId ?? requestedUserId,
            CreatedAt = ParseNovaTimestamp(body.CreatedAt),
            Id = body.Id,
            PrivateKey = body.PrivateKey,
        };
    }

    // Nova's created_at has no zone ("2026-11-27T18:41:13.240831") and is UTC.
    private static DateTime? ParseNovaTimestamp(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;

    // At 2.1 the type member is forbidden; ssh is then the only type, so it is left out.
    private static string? WireType(NovaKeyType? type, ComputeApiVersion version) => type switch
    {
        null => null,
        NovaKeyType.Ssh when !NovaMicroversions.SupportsKeyType(version) => null,
        NovaKeyType.Ssh => "ssh",
        _ => "x509",
    };
}
