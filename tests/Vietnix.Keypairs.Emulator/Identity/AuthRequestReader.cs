using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Nova;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The request body as Keystone's Flask app takes it. <c>json_body_before_request</c> runs before every
/// view: a body must be JSON (Content-Type <c>application/json</c>, <c>application/*+json</c> or none at all)
/// and decode to an object, else 400. The token view then reads <c>auth</c> from it
/// (<c>request_body_json.get('auth')</c>), so an empty body means no <c>auth</c> at all.
/// </summary>
internal static class AuthRequestReader
{
    /// <summary>The decoded body, null when the application gets none; throws Keystone's 400 when it is not a JSON object.</summary>
    public static JsonObject? ReadBody(HttpRequest request, CapturedRequestBody captured)
    {
        if (!captured.ReachesApplication)
        {
            return null;
        }

        var contentType = request.Headers.ContentType.ToString();
        if (contentType.Length > 0 && !IsJson(contentType))
        {
            throw KeystoneFault.ValidationError("application/json", "Content-Type header");
        }

        // json.loads of bytes detects the encoding, so a UTF-8 byte-order mark is accepted (unlike Nova,
        // which decodes the text first).
        var bytes = captured.Bytes.AsSpan();
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (!PythonJson.TryLoads(bytes, out var body) || body is not JsonObject map)
        {
            throw KeystoneFault.ValidationError("valid JSON", "request body");
        }

        return map;
    }

    // werkzeug's is_json: the media type, without parameters, is application/json or application/*+json.
    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType == "application/json" || (mediaType.StartsWith("application/", StringComparison.Ordinal) && mediaType.EndsWith("+json", StringComparison.Ordinal));
    }
}
