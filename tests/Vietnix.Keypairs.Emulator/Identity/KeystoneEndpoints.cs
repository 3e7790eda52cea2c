using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Vietnix.Keypairs.Emulator.Nova;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The part of Keystone's v3 API a client needs to sign in and out: the version document
/// (<c>GET /v3</c>), token issue (<c>POST /v3/auth/tokens</c>, <c>?nocatalog</c> leaves out the catalog) and
/// revocation (<c>DELETE /v3/auth/tokens</c>). Every answer carries oslo's <c>x-openstack-request-id</c> and
/// Keystone's <c>Vary: X-Auth-Token</c>, except the bare 500 of an unhandled Python exception.
/// </summary>
internal sealed class KeystoneEndpoints(TokenIssuer issuer, TokenTable tokens, ServiceCatalog catalog)
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Keystone's URL normalizer strips a trailing slash, and so does routing here: /v3/ is /v3.
        app.MapGet("/v3", (HttpContext http, KeystoneEndpoints keystone) => keystone.RespondAsync(http, keystone.Version));
        app.MapPost("/v3/auth/tokens", (HttpContext http, KeystoneEndpoints keystone) => keystone.RespondAsync(http, keystone.Issue));
        app.MapDelete("/v3/auth/tokens", (HttpContext http, KeystoneEndpoints keystone) => keystone.RespondAsync(http, keystone.Revoke));
    }

    private static string IdentityUrl(HttpRequest request) => NovaUrls.HostUrl(request) + "/v3";

    // json_body_before_request checks the body of every request before the view runs. Views throw a
    // KeystoneFault before they write anything; it becomes Keystone's error response.
    private async Task RespondAsync(HttpContext http, Func<HttpContext, JsonObject?, Task> view)
    {
        var response = http.Response;
        response.Headers["x-openstack-request-id"] = "req-" + Guid.NewGuid().ToString("D");
        response.Headers.Vary = "X-Auth-Token";
        try
        {
            await view(http, AuthRequestReader.ReadBody(http.Request, http.Features.GetRequiredFeature<CapturedRequestBody>()));
        }
        catch (KeystoneFault fault)
        {
            if (fault.IsCrash)
            {
                response.Headers.Clear();
            }

            await fault.WriteAsync(response, IdentityUrl(http.Request));
        }
    }

    // keystone/api/discovery.py get_version_v3: the links name this server as the client reached it.
    private Task Version(HttpContext http, JsonObject? body) =>
        WriteJsonAsync(http.Response, StatusCodes.Status200OK, new JsonObject
        {
            ["version"] = new JsonObject
            {
                ["id"] = "v3.14",
                ["status"] = "stable",
                ["updated"] = "2020-04-07T00:00:00Z",
                ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = IdentityUrl(http.Request) + "/" }),
                ["media-types"] = new JsonArray(new JsonObject
                {
                    ["base"] = "application/json",
                    ["type"] = "application/vnd.openstack.identity-v3+json",
                }),
            },
        });

    private Task Issue(HttpContext http, JsonObject? body)
    {
        var token = issuer.Authenticate(PythonValues.Get(body, "auth"));
        var withCatalog = !http.Request.Query.ContainsKey("nocatalog");
        http.Response.Headers["X-Subject-Token"] = token.Value;
        return WriteJsonAsync(http.Response, StatusCodes.Status201Created, TokenView.Render(token, withCatalog ? catalog.Render(token.Project?.Id) : null));
    }

    // The caller must be signed in (else 401); the subject token is validated (404) before the policy
    // identity:revoke_token is checked. Zed keeps the deprecated rule "admin_required or token_subject",
    // so an admin may revoke any token and anyone else only their own (403).
    private Task Revoke(HttpContext http, JsonObject? body)
    {
        var headers = http.Request.Headers;
        if (!tokens.TryValidate(headers["X-Auth-Token"].FirstOrDefault(), out var caller))
        {
            throw KeystoneFault.Unauthorized();
        }

        IssuedToken? subject = null;
        if (headers.TryGetValue("X-Subject-Token", out var subjectHeader))
        {
            subject = issuer.Validate(subjectHeader.ToString());
        }

        if (!caller.IsAdmin && subject?.User != caller.User)
        {
            throw KeystoneFault.ForbiddenAction("identity:revoke_token");
        }

        // An admin who names no subject token gets validate_token's own 404 ("No token in the request").
        tokens.Revoke(subject ?? issuer.Validate(null));
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        http.Response.ContentType = "application/json";
        return Task.CompletedTask;
    }

    private static Task WriteJsonAsync(HttpResponse response, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(PythonJson.Dumps(body));
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }
}
