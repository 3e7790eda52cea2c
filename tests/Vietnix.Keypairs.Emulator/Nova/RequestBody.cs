using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// The body a Nova POST handler receives (wsgi.Resource._get_request_content): Python's <c>None</c> when
/// the request has no Content-Length or a zero one, else <c>json.loads</c> of the bytes. uwsgi (without
/// the refstack shim) does not decode <c>Transfer-Encoding: chunked</c>, so Nova sees such a request
/// without a Content-Length and with no body at all.
/// </summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>False when the bytes are not JSON ("Malformed request body"); <paramref name="body"/> null means None.</summary>
    public static bool TryRead(CapturedRequestBody captured, out JsonNode? body)
    {
        body = null;
        if (captured.Chunked || captured.ContentLength is null or 0)
        {
            return true;
        }

        // oslo jsonutils decodes the bytes as UTF-8 first; a byte-order mark then stays in the text
        // and json.loads refuses it.
        if (captured.Bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(captured.Bytes, StrictJson);
            body = ToNode(document.RootElement);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    // Builds the value json.loads would: objects keep the first position of a repeated key and its last
    // value (dict semantics), numbers keep their literal so ints and floats can be told apart.
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new JsonObject();
                foreach (var member in element.EnumerateObject())
                {
                    map[member.Name] = ToNode(member.Value);
                }

                return map;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(ToNode)]);
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
