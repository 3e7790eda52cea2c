using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Crypto;
using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// Nova's KeypairController (compute/keypairs.py) with KeypairAPI's order of checks: body or query
/// schema, then policy, then (create) quota, key validation and the unique name; (list) the marker;
/// (show, delete) the lookup. Status codes follow the microversion: create 200 at 2.1 and 201 from 2.2,
/// delete 202 at 2.1 and 204 from 2.2.
/// </summary>
internal sealed class KeyPairEndpoints(KeyPairStore store, KeyPairGenerator generator)
{
    public NovaReply Create(NovaCall call)
    {
        var version = call.Version;
        if (CreateKeyPairSchema.FirstError(call.Body, version) is { } invalid)
        {
            return NovaFaults.BadRequest(invalid);
        }

        var fields = call.Body!["keypair"]!.AsObject();
        var name = Text(fields, "name")!;
        var type = Text(fields, "type") ?? "ssh";
        var userId = TargetUser(call, version >= ApiVersion.V2_10 ? Text(fields, "user_id") : null);
        if (!KeyPairPolicy.Allows(call.Token, userId))
        {
            return NovaFaults.PolicyDenied("create");
        }

        if (!call.Limits.QuotaAllowsAnotherKeyPair(store.CountOwnedBy(userId)))
        {
            return NovaFaults.Forbidden("Quota exceeded, too many key pairs.");
        }

        KeyMaterial material;
        if (Text(fields, "public_key") is { } imported)
        {
            var fingerprint = type == "x509" ? X509Fingerprint.Compute(imported) : SshFingerprint.Compute(imported);
            if (fingerprint.Problem is { } problem)
            {
                return NovaFaults.BadRequest("Keypair data is invalid: " + problem);
            }

            material = new KeyMaterial(null, imported, fingerprint.Fingerprint!);
        }
        else
        {
            // Only reachable below 2.92, where public_key is still optional.
            material = type == "x509" ? generator.WinRmCertificate(userId) : generator.SshRsa();
        }

        var stored = store.TryAdd(userId, name, type, material.PublicKey, material.Fingerprint);
        if (stored is null)
        {
            return NovaFaults.Conflict($"Key pair '{name}' already exists.");
        }

        return new NovaReply(
            version >= ApiVersion.V2_2 ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            KeyPairViews.Create(stored, material.PrivateKey, withType: version >= ApiVersion.V2_2));
    }

    public NovaReply Index(NovaCall call)
    {
        if (QueryProblem(call, KeyPairAction.Index, out var query) is { } problem)
        {
            return problem;
        }

        var version = call.Version;
        var userId = TargetUser(call, version >= ApiVersion.V2_10 ? query.First("user_id") : null);
        if (!KeyPairPolicy.Allows(call.Token, userId))
        {
            return NovaFaults.PolicyDenied("index");
        }

        // Paging exists from 2.35; before that limit and marker are ignored and everything comes back.
        var paged = version >= ApiVersion.V2_35;
        int? limit = paged ? EffectiveLimit(query.Last("limit"), call.Limits.MaxLimit) : null;
        var marker = paged ? query.Last("marker") : null;
        if (!store.TryPage(userId, limit, marker, out var page))
        {
            return NovaFaults.BadRequest($"Marker {marker} could not be found.");
        }

        var body = KeyPairViews.Index(page, withType: version >= ApiVersion.V2_2);
        if (paged && PagingLinks.Next(call, query, page) is { } next)
        {
            body["keypairs_links"] = new JsonArray(next);
        }

        return new NovaReply(StatusCodes.Status200OK, body);
    }

    public NovaReply Show(NovaCall call, string name)
    {
        if (QueryProblem(call, KeyPairAction.Show, out var query) is { } problem)
        {
            return problem;
        }

        var userId = TargetUser(call, call.Version >= ApiVersion.V2_10 ? query.First("user_id") : null);
        if (!KeyPairPolicy.Allows(call.Token, userId))
        {
            return NovaFaults.PolicyDenied("show");
        }

        return store.Find(userId, name) is { } found
            ? new NovaReply(StatusCodes.Status200OK, KeyPairViews.Show(found, withType: call.Version >= ApiVersion.V2_2))
            : NotFound(name, userId);
    }

    public NovaReply Delete(NovaCall call, string name)
    {
        if (QueryProblem(call, KeyPairAction.Delete, out var query) is { } problem)
        {
            return problem;
        }

        var userId = TargetUser(call, call.Version >= ApiVersion.V2_10 ? query.First("user_id") : null);
        if (!KeyPairPolicy.Allows(call.Token, userId))
        {
            return NovaFaults.PolicyDenied("delete");
        }

        return store.Remove(userId, name)
            ? new NovaReply(call.Version >= ApiVersion.V2_2 ? StatusCodes.Status204NoContent : StatusCodes.Status202Accepted, null)
            : NotFound(name, userId);
    }

    private static NovaReply NotFound(string name, string userId) =>
        NovaFaults.NotFound($"Keypair {name} not found for user {userId}");

    // validation.query_schema: the query is decoded (only UTF-8 is accepted) and checked before the action runs.
    private static NovaReply? QueryProblem(NovaCall call, KeyPairAction action, out NovaQuery query)
    {
        if (!NovaQuery.TryParse(call.RawQuery, out query))
        {
            return NovaFaults.BadRequest("Query string is not UTF-8 encoded");
        }

        return KeyPairQuerySchema.FirstError(action, call.Version, query) is { } error ? NovaFaults.BadRequest(error) : null;
    }

    // "user_id or context.user_id": an absent or empty user_id means the caller.
    private static string TargetUser(NovaCall call, string? requested) =>
        string.IsNullOrEmpty(requested) ? call.Token.User.Id : requested;

    // common.get_limit_and_marker: min([api] max_limit, limit), max_limit when no limit is given.
    private static int EffectiveLimit(string? requested, int maxLimit) =>
        requested is null ? maxLimit : (int)BigInteger.Min(BigInteger.Parse(requested.Trim(), CultureInfo.InvariantCulture), maxLimit);

    private static string? Text(JsonObject fields, string name) =>
        fields.TryGetPropertyValue(name, out var value) ? value!.GetValue<string>() : null;
}
