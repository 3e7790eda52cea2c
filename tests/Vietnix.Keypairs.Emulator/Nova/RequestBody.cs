using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// The body a Nova POST handler receives (wsgi.Resource._get_request_content): Python's <c>None</c> when
/// no body reaches the application (<see cref="CapturedRequestBody.ReachesApplication"/>), else
/// <c>json.loads</c> of the bytes.
/// </summary>
internal static class RequestBody
{
    /// <summary>False when the bytes are not JSON ("Malformed request body"); <paramref name="body"/> null means None.</summary>
    public static bool TryRead(CapturedRequestBody captured, out JsonNode? body)
    {
        body = null;
        if (!captured.ReachesApplication)
        {
            return true;
        }

        // oslo jsonutils decodes the bytes as UTF-8 first; a byte-order mark then stays in the text
        // and json.loads refuses it.
        return !captured.Bytes.AsSpan().StartsWith("\uFEFF"u8) && PythonJson.TryLoads(captured.Bytes, out body);
    }
}
