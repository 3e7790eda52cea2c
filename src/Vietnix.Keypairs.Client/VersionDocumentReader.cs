using System;
using System.Linq;
using System.Text.Json;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Client;

/// <summary>Reads the server's microversion range from GET /v2.1/ (or from the version list at /).</summary>
internal static class VersionDocumentReader
{
    /// <summary>Returns the range, or null when the API has no microversions (the legacy v2.0 API sends empty strings).</summary>
    public static (ComputeApiVersion Minimum, ComputeApiVersion Maximum)? Read(byte[] body, string url)
    {
        VersionDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(body, NovaJsonContext.Default.VersionDocumentEnvelope)?.Version
                ?? PickCurrent(body);
        }
        catch (JsonException exception)
        {
            throw new VietnixProtocolException($"The compute version document at {url} is not JSON: {exception.Message}", url, exception);
        }

        if (document is null)
        {
            throw new VietnixProtocolException($"The answer from {url} is not a compute version document (no 'version' member).", url);
        }

        if (string.IsNullOrEmpty(document.MaxVersion))
        {
            return null;
        }

        if (!ComputeApiVersion.TryParse(document.MaxVersion, out var maximum))
        {
            throw new VietnixProtocolException($"The compute version document at {url} gives the unreadable maximum microversion '{document.MaxVersion}'.", url);
        }

        var minimum = ComputeApiVersion.TryParse(document.MinVersion, out var parsed) ? parsed : ComputeApiVersion.V2_1;
        return (minimum, maximum);
    }

    // GET / answers {"versions":[…]}; the entry marked CURRENT is the v2.1 API.
    private static VersionDocument? PickCurrent(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("versions", out var versions)
            || versions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return versions.EnumerateArray()
            .Select(entry => new VersionDocument
            {
                Id = ReadString(entry, "id"),
                Status = ReadString(entry, "status"),
                MaxVersion = ReadString(entry, "version"),
                MinVersion = ReadString(entry, "min_version"),
            })
            .FirstOrDefault(entry => string.Equals(entry.Status, "CURRENT", StringComparison.OrdinalIgnoreCase));
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
