using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// The <c>next</c> link of a key pair page (common.ViewBuilder._get_collection_links and _get_next_link).
/// It is given whenever the page is full, even when nothing follows, so the page after an exactly full
/// last page is empty. The href keeps the request's known parameters sorted by name and value, replaces
/// or appends <c>marker</c>, and includes the project id only when the request URL contained it.
/// </summary>
internal static class PagingLinks
{
    public static JsonObject? Next(NovaCall call, NovaQuery query, IReadOnlyList<KeyPair> page)
    {
        var requested = query.Last("limit");
        var pageSize = BigInteger.Min(
            requested is null ? call.Limits.MaxLimit : BigInteger.Parse(requested.Trim(), CultureInfo.InvariantCulture),
            call.Limits.MaxLimit);
        if (pageSize.IsZero || pageSize != page.Count)
        {
            return null;
        }

        var known = KeyPairQuerySchema.KnownParameters(KeyPairAction.Index, call.Version);
        var parameters = new List<KeyValuePair<string, string>>();
        var sorted = query.Pairs.Where(pair => known.Contains(pair.Key))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal);
        foreach (var pair in sorted.Append(new("marker", page[^1].Name)))
        {
            // An OrderedDict: a repeated name keeps its first position and takes the later value.
            var at = parameters.FindIndex(existing => existing.Key == pair.Key);
            if (at >= 0)
            {
                parameters[at] = pair;
            }
            else
            {
                parameters.Add(pair);
            }
        }

        var projectId = call.Token.ProjectId is { } scoped && call.RequestUrl.Contains(scoped, StringComparison.Ordinal) ? scoped : "";
        var href = NovaUrls.UrlJoin(call.ApplicationUrl, projectId, "os-keypairs") + "?"
            + string.Join('&', parameters.Select(pair => NovaUrls.QuotePlus(pair.Key) + "=" + NovaUrls.QuotePlus(pair.Value)));
        return new JsonObject { ["rel"] = "next", ["href"] = href };
    }
}
