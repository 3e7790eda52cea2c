using System.Text;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// keystonemiddleware's auth_token rejection of a missing, unknown, expired or revoked token. It answers before
/// Nova sees the request, so the body has keystonemiddleware's shape (not a Nova fault) and there are
/// no microversion headers; the challenge names the identity endpoint, here this server's root.
/// </summary>
internal static class KeystoneChallenge
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(PythonJson.Dumps(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = 401,
            ["title"] = "Unauthorized",
            ["message"] = "The request you have made requires authentication.",
        },
    }));

    public static Task WriteAsync(HttpResponse response, string identityUri)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentType = "application/json";
        response.Headers.WWWAuthenticate = $"Keystone uri=\"{identityUri}\"";
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body).AsTask();
    }
}
