using System.Text;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// A Keystone error (keystone/exception.py) as <c>_handle_keystone_exception</c> renders it with Flask's
/// jsonify: <c>{"error":{"code":N,"message":"…","title":"…"}}</c>, compact with sorted keys, plus
/// <c>"identity"</c> for an AuthPluginException and a <c>WWW-Authenticate</c> challenge for a 401. Thrown
/// where Keystone raises, so the order of checks reads like Keystone's code.
/// </summary>
internal sealed class KeystoneFault : Exception
{
    private const string ClientError =
        " The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

    private KeystoneFault(int code, string title, string message, JsonObject? identity = null)
        : base(message)
    {
        Code = code;
        Title = title;
        Identity = identity;
    }

    public int Code { get; }

    public string Title { get; }

    /// <summary>The <c>"identity"</c> member of an AuthPluginException's body, else null.</summary>
    public JsonObject? Identity { get; }

    /// <summary>exception.ValidationError: "Expecting to find X in Y." and the client-error sentence.</summary>
    public static KeystoneFault ValidationError(string attribute, string target) =>
        BadRequest($"Expecting to find {attribute} in {target}." + ClientError);

    /// <summary>A 400 with the message as is (SchemaValidationError's detail, a TypeError's text).</summary>
    public static KeystoneFault BadRequest(string message) => new(400, "Bad Request", message);

    /// <summary>
    /// exception.Unauthorized. It is a SecurityError: whatever detail Keystone raised it with is shown only
    /// in insecure_debug mode, so a wrong password, an unknown user or a project without a role all look alike.
    /// </summary>
    public static KeystoneFault Unauthorized() => new(401, "Unauthorized", "The request you have made requires authentication.");

    /// <summary>exception.AuthMethodNotSupported: lists the methods Keystone does support.</summary>
    public static KeystoneFault AuthMethodNotSupported(IEnumerable<string> supported) =>
        new(401, "Unauthorized", "Attempted to authenticate with an unsupported method.", new JsonObject
        {
            ["methods"] = new JsonArray([.. supported.Select(method => JsonValue.Create(method))]),
        });

    /// <summary>exception.ApplicationCredentialAuthError: its message_format always carries the detail.</summary>
    public static KeystoneFault ApplicationCredentialAuthError(string detail) =>
        new(401, "Unauthorized", "Error authenticating with application credential: " + detail, []);

    /// <summary>exception.ForbiddenAction (a SecurityError whose message_format carries the action).</summary>
    public static KeystoneFault ForbiddenAction(string action) =>
        new(403, "Forbidden", $"You are not authorized to perform the requested action: {action}.");

    public static KeystoneFault NotFound(string message) => new(404, "Not Found", message);

    /// <summary>
    /// A Python exception Keystone does not handle (a KeyError in its own code). Flask propagates it
    /// (PROPAGATE_EXCEPTIONS) and uwsgi answers a bare 500 with no body and no request id.
    /// </summary>
    public static KeystoneFault Crash() => new(500, "Internal Server Error", "");

    public bool IsCrash => Code == StatusCodes.Status500InternalServerError;

    /// <param name="identityUri">Keystone's base_url(), which the 401 challenge names.</param>
    public Task WriteAsync(HttpResponse response, string identityUri)
    {
        response.StatusCode = Code;
        if (IsCrash)
        {
            response.ContentLength = 0;
            return Task.CompletedTask;
        }

        var error = new JsonObject { ["code"] = Code, ["title"] = Title, ["message"] = Message };
        if (Identity is not null)
        {
            error["identity"] = Identity.DeepClone();
        }

        if (Code == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = $"Keystone uri=\"{identityUri}\"";
        }

        var bytes = Encoding.UTF8.GetBytes(PythonJson.FlaskJsonify(new JsonObject { ["error"] = error }));
        response.ContentType = "application/json";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }
}
