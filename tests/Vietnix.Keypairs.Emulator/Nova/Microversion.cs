namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>The negotiated version, or the fault that ends the request (with the version to echo, if any).</summary>
internal sealed record MicroversionChoice(ApiVersion? Version, NovaReply? Fault);

/// <summary>
/// Nova's version negotiation (wsgi.Request.set_api_version_request with microversion_parse): the
/// <c>OpenStack-API-Version</c> entry for "compute" wins, else the legacy
/// <c>X-OpenStack-Nova-API-Version</c>, else the minimum (2.1). "latest" means the maximum.
/// </summary>
internal static class Microversion
{
    public static MicroversionChoice Choose(IHeaderDictionary headers, NovaLimits limits)
    {
        var requested = Requested(headers);
        if (requested is null)
        {
            return new(limits.MinVersion, null);
        }

        if (requested == "latest")
        {
            return new(limits.MaxVersion, null);
        }

        // A malformed string never becomes the request's version, so its fault echoes none.
        if (!ApiVersion.TryParse(requested, out var version))
        {
            return new(null, NovaFaults.BadRequest($"API Version String {requested} is of invalid format. Must be of format MajorNum.MinorNum."));
        }

        if (version < limits.MinVersion || version > limits.MaxVersion)
        {
            return new(version, NovaFaults.Fault(
                StatusCodes.Status406NotAcceptable,
                $"Version {version} is not supported by the API. Minimum is {limits.MinVersion} and maximum is {limits.MaxVersion}."));
        }

        return new(version, null);
    }

    // microversion_parse.get_version(headers, 'compute', legacy_headers=[...]): repeated headers are
    // folded with ','; the standard header's entries are read last to first ("service version"); the
    // legacy header's last entry is taken as it is, even when empty.
    private static string? Requested(IHeaderDictionary headers)
    {
        if (headers.TryGetValue(NovaReply.VersionHeader, out var standard))
        {
            foreach (var entry in string.Join(',', standard.ToArray()).Split(',').Reverse())
            {
                var parts = entry.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0].Equals("compute", StringComparison.OrdinalIgnoreCase))
                {
                    return parts[1].Trim();
                }
            }
        }

        return headers.TryGetValue(NovaReply.LegacyVersionHeader, out var legacy)
            ? string.Join(',', legacy.ToArray()).Split(',')[^1].Trim()
            : null;
    }
}
