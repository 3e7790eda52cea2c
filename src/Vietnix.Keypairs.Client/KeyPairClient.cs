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

/// <summary>Nova os-keypairs over a compute service, which owns the pipeline and the microversion.</summary>
internal sealed class KeyPairClient : IKeyPairClient
{
    private readonly ComputeService _service;

    internal KeyPairClient(ComputeService service) => _service = service;

    public async Task<NovaKeyPair> CreateAsync(KeyPairCreateRequest request, CancellationToken cancellationToken)
    {
        var version = await _service.NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
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
        var url = ComputeEndpoint.KeyPairs(_service.Endpoint);
        using var response = await _service.SendAsync(HttpMethod.Post, url, body, version, cancellationToken).ConfigureAwait(false);
        await _service.Transport.EnsureStatusAsync(response, HttpMethod.Post, url, 200, 201).ConfigureAwait(false);
        var created = await _service.Transport.ReadAsync(response, url, NovaJsonContext.Default.KeyPairEnvelope).ConfigureAwait(false);
        return ToModel(created.KeyPair, url, request.UserId);
    }

    public async Task<NovaKeyPair> GetAsync(string name, string? userId, CancellationToken cancellationToken)
    {
        var version = await _service.NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckAddressableName(name);
        KeyPairRequestRules.CheckUserId(userId, version);

        var url = ComputeEndpoint.KeyPair(_service.Endpoint, name, ("user_id", userId));
        using var response = await _service.SendAsync(HttpMethod.Get, url, null, version, cancellationToken).ConfigureAwait(false);
        await _service.Transport.EnsureStatusAsync(response, HttpMethod.Get, url, 200).ConfigureAwait(false);
        var shown = await _service.Transport.ReadAsync(response, url, NovaJsonContext.Default.KeyPairEnvelope).ConfigureAwait(false);
        return ToModel(shown.KeyPair, url, userId);
    }

    public async Task<IReadOnlyList<NovaKeyPair>> ListAsync(KeyPairListRequest request, CancellationToken cancellationToken)
    {
        var version = await _service.NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
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
            var url = ComputeEndpoint.KeyPairs(_service.Endpoint, ("user_id", request.UserId), ("limit", pageSize), ("marker", marker));
            using var response = await _service.SendAsync(HttpMethod.Get, url, null, version, cancellationToken).ConfigureAwait(false);
            await _service.Transport.EnsureStatusAsync(response, HttpMethod.Get, url, 200).ConfigureAwait(false);
            var page = await _service.Transport.ReadAsync(response, url, NovaJsonContext.Default.KeyPairListEnvelope).ConfigureAwait(false);
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
        var version = await _service.NegotiatedVersionAsync(cancellationToken).ConfigureAwait(false);
        KeyPairRequestRules.CheckAddressableName(name);
        KeyPairRequestRules.CheckUserId(userId, version);

        var url = ComputeEndpoint.KeyPair(_service.Endpoint, name, ("user_id", userId));
        using var response = await _service.SendAsync(HttpMethod.Delete, url, null, version, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 404 && RequestFlags.EarlierAttemptWasUncertain(response))
        {
            _service.Log.Add(RequestLogEntry.ForNote($"DELETE {url} found no key pair '{name}' after an earlier attempt lost its answer: that attempt deleted it, so the delete succeeded."));
            return;
        }

        await _service.Transport.EnsureStatusAsync(response, HttpMethod.Delete, url, 202, 204).ConfigureAwait(false);
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
