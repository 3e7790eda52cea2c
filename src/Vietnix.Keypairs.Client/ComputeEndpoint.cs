using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Vietnix.Keypairs.Client;

/// <summary>The URLs the client derives from a compute endpoint.</summary>
internal static class ComputeEndpoint
{
    private static readonly Regex VersionSegment = new(@"^v\d+(\.\d+)?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The version document sits at the API version root, e.g. https://host:8774/v2.1/ for the
    /// endpoint https://host:8774/v2.1/{project_id}.
    /// </summary>
    public static Uri VersionDocument(Uri endpoint)
    {
        var segments = endpoint.AbsolutePath.Split(['/'], StringSplitOptions.RemoveEmptyEntries);
        var versionIndex = Array.FindLastIndex(segments, segment => VersionSegment.IsMatch(segment));
        var kept = versionIndex >= 0 ? segments.Take(versionIndex + 1) : segments;
        var path = "/" + string.Concat(kept.Select(segment => segment + "/"));
        return new Uri(endpoint, path);
    }

    public static Uri KeyPairs(Uri endpoint, params (string Name, string? Value)[] query) =>
        Build(endpoint, "os-keypairs", query);

    /// <summary>The name is percent-encoded: Nova allows spaces in names, and '@' from 2.92.</summary>
    public static Uri KeyPair(Uri endpoint, string name, params (string Name, string? Value)[] query) =>
        Build(endpoint, "os-keypairs/" + Uri.EscapeDataString(name), query);

    private static Uri Build(Uri endpoint, string relativePath, (string Name, string? Value)[] query)
    {
        var url = new StringBuilder(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        url.Append('/').Append(relativePath);
        var separator = '?';
        foreach (var (name, value) in query.Where(parameter => parameter.Value is not null))
        {
            url.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value!));
            separator = '&';
        }

        return new Uri(url.ToString());
    }
}
