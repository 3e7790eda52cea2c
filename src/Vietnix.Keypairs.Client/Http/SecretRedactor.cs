using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// Rewrites a JSON body for logging with every secret value replaced, so -Debug output and
/// transcripts can be shared. It fails closed: a body that cannot be read as JSON (an HTML page,
/// a cut-off answer that may hold half a private key, nesting deeper than 64) is logged only by its size.
/// </summary>
internal static class SecretRedactor
{
    public const string Placeholder = "<redacted>";

    private const int MaxLoggedBodyLength = 4000;

    // private_key: Nova's generated key; password/secret: Keystone sign-in bodies.
    private static readonly HashSet<string> SecretMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "private_key", "password", "secret",
    };

    // Not secret, but a catalog runs to pages; keystoneauth leaves it out of its logs the same way.
    private const string CatalogMember = "catalog";

    private const string Removed = "<removed>";

    public static string? Redact(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        try
        {
            using var document = JsonDocument.Parse(body!);
            using var buffer = new MemoryStream();
            // Relaxed escaping keeps the placeholder and URLs readable; the text only goes to logs.
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Write(document.RootElement, writer, parentName: null);
            }

            return Shorten(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        catch (JsonException)
        {
            return $"{Encoding.UTF8.GetByteCount(body)} bytes, not shown: not JSON that could be checked for secrets";
        }
    }

    /// <summary>The values of the secret members of a JSON body (what <see cref="Redact"/> replaces), to scrub them out of server messages.</summary>
    internal static IReadOnlyList<string> SecretValues(byte[]? body)
    {
        var values = new List<string>();
        if (body is null || body.Length == 0)
        {
            return values;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            Collect(document.RootElement, parentName: null, insideSecret: false, values);
        }
        catch (JsonException)
        {
            // The module writes every body it sends; one it cannot read holds nothing it put there.
        }

        return values;
    }

    private static void Collect(JsonElement element, string? parentName, bool insideSecret, List<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // As in Redact: an object under a secret name is not secret as a whole, only its own secret members are.
                foreach (var member in element.EnumerateObject())
                {
                    Collect(member.Value, member.Name, IsSecret(member.Name, parentName), values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, parentName, insideSecret, values);
                }

                break;
            case JsonValueKind.String when insideSecret:
                values.Add(element.GetString()!);
                break;
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer, string? parentName)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    // Only a value is secret: an object under a secret name (Keystone's
                    // "password": {"user": …}) is shown with its own secrets replaced.
                    if (IsSecret(member.Name, parentName) && member.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
                    {
                        writer.WriteStringValue(Placeholder);
                    }
                    else if (IsSecret(member.Name, parentName) && member.Value.ValueKind == JsonValueKind.Array)
                    {
                        WriteSecretArray(member.Value, writer);
                    }
                    else if (member.Name == CatalogMember && member.Value.ValueKind == JsonValueKind.Array)
                    {
                        writer.WriteStringValue(Removed);
                    }
                    else
                    {
                        Write(member.Value, writer, member.Name);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer, parentName);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    // A secret given as a list keeps its shape, so the log still shows what was sent.
    private static void WriteSecretArray(JsonElement array, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in array.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.Array:
                    WriteSecretArray(item, writer);
                    break;
                case JsonValueKind.Object or JsonValueKind.Null:
                    Write(item, writer, null);
                    break;
                default:
                    writer.WriteStringValue(Placeholder);
                    break;
            }
        }

        writer.WriteEndArray();
    }

    // A Keystone token-method body carries the token as {"token":{"id":"…"}}.
    private static bool IsSecret(string name, string? parentName) =>
        SecretMembers.Contains(name)
        || (string.Equals(parentName, "token", StringComparison.OrdinalIgnoreCase) && name == "id");

    private static string Shorten(string text) =>
        text.Length <= MaxLoggedBodyLength ? text : text.Substring(0, MaxLoggedBodyLength) + $"… ({text.Length} characters)";
}
