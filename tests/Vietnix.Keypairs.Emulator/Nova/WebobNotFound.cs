using System.Text;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// The 404 of Nova's router for a path or method it has no route for. It is webob's bare HTTPNotFound,
/// not a Nova fault: no microversion headers, and a body whose form follows the Accept header (JSON for
/// clients that ask for JSON, else webob's plain-text page).
/// </summary>
internal static class WebobNotFound
{
    private const string Explanation = "The resource could not be found.";

    public static Task WriteAsync(HttpContext http)
    {
        var wantsJson = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var text = wantsJson
            ? PythonJson.Dumps(new JsonObject
            {
                ["message"] = Explanation + "<br /><br />\n\n\n",
                ["code"] = "404 Not Found",
                ["title"] = "Not Found",
            })
            : "404 Not Found\n\n" + Explanation + "\n\n   ";
        var bytes = Encoding.UTF8.GetBytes(text);
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.ContentType = wantsJson ? "application/json" : "text/plain; charset=UTF-8";
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes).AsTask();
    }
}
