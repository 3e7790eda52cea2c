using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Vietnix.Keypairs.Emulator.Identity;
using Vietnix.Keypairs.Emulator.KeyPairs;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// Nova's WSGI stack for <c>/v2.1</c>, step for step: request id (compute_req_id), token check
/// (keystonemiddleware), the router (unknown path or method: webob 404), then wsgi.Resource: the
/// microversion (400 malformed, 406 out of range), the Content-Type (415), the JSON body of a POST
/// (400 malformed), the project id in the URL (400 if not the token's), and finally the action.
/// The version documents (<c>/</c>, <c>/v2.1/</c>) need no token.
/// </summary>
internal sealed class NovaPipeline(TokenTable tokens, NovaSettings settings, KeyPairEndpoints keyPairs, ServerAddress address, LostResponses lostResponses)
{
    private const string ApiPrefix = "/v2.1";
    private static readonly string[] SupportedContentTypes = ["application/json", "application/vnd.openstack.compute+json"];

    /// <summary><c>GET /</c>: outside microversion control and without a request id (its own paste pipeline).</summary>
    public Task ListVersionsAsync(HttpContext http) =>
        new NovaReply(StatusCodes.Status200OK, VersionDocuments.List(NovaUrls.HostUrl(http.Request), settings.Current))
            .WriteAsync(http.Response, version: null);

    public Task HandleAsync(HttpContext http)
    {
        NovaRequestId.Stamp(http.Response);
        var limits = settings.Current;
        var path = PathAfterPrefix(http);
        if (path is "" or "/")
        {
            return RespondAsync(http, limits, _ => new NovaReply(
                StatusCodes.Status200OK, VersionDocuments.Current(NovaUrls.HostUrl(http.Request), limits)));
        }

        var token = http.Request.Headers["X-Auth-Token"].FirstOrDefault() ?? http.Request.Headers["X-Storage-Token"].FirstOrDefault();
        if (!tokens.TryValidate(token, out var caller))
        {
            return KeystoneChallenge.WriteAsync(http.Response, address.BaseUrl + "/");
        }

        var route = NovaRoute.Match(http.Request.Method, path);
        if (route is null)
        {
            return WebobNotFound.WriteAsync(http);
        }

        return RespondAsync(http, limits, version =>
        {
            var reply = Dispatch(http, caller, route, version, limits);
            if (lostResponses.TryTake(route.Action))
            {
                LostResponse.Drop(http, reply.Status);
            }

            return reply;
        });
    }

    // wsgi.Resource.__call__: version and Content-Type are checked before the action runs; every reply
    // from here on echoes the version once it parsed.
    private static Task RespondAsync(HttpContext http, NovaLimits limits, Func<ApiVersion, NovaReply> action)
    {
        var choice = Microversion.Choose(http.Request.Headers, limits);
        if (choice.Fault is { } fault)
        {
            return fault.WriteAsync(http.Response, choice.Version);
        }

        var version = choice.Version!.Value;
        var reply = HasUnsupportedContentType(http.Request)
            ? NovaFaults.Fault(StatusCodes.Status415UnsupportedMediaType, "Unsupported Content-Type")
            : action(version);
        if (http.Features.Get<LostResponse>() is not null)
        {
            return Task.CompletedTask;
        }

        return reply.WriteAsync(http.Response, version);
    }

    private NovaReply Dispatch(HttpContext http, IssuedToken caller, NovaRoute route, ApiVersion version, NovaLimits limits)
    {
        JsonNode? body = null;
        if (route.Action == KeyPairAction.Create && !RequestBody.TryRead(http.Features.GetRequiredFeature<CapturedRequestBody>(), out body))
        {
            return NovaFaults.BadRequest("Malformed request body");
        }

        // An unscoped token has no project: Nova's context then holds None.
        if (route.ProjectId is { } projectId && projectId != caller.ProjectId)
        {
            return NovaFaults.BadRequest(
                $"Malformed request URL: URL's project_id '{projectId}' doesn't match Context's project_id '{caller.ProjectId ?? "None"}'");
        }

        var hostUrl = NovaUrls.HostUrl(http.Request);
        var call = new NovaCall(
            caller,
            version,
            limits,
            body,
            http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "",
            hostUrl + ApiPrefix,
            hostUrl + http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
        return route.Action switch
        {
            KeyPairAction.Index => keyPairs.Index(call),
            KeyPairAction.Create => keyPairs.Create(call),
            KeyPairAction.Show => keyPairs.Show(call, route.Name!),
            _ => keyPairs.Delete(call, route.Name!),
        };
    }

    // The path as uwsgi hands it to Nova: percent-decoded but not normalised, so a key pair named "."
    // or ".." stays addressable (Kestrel's own Request.Path has such segments resolved away).
    private static string PathAfterPrefix(HttpContext http)
    {
        var target = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query < 0 ? target : target[..query]);
        return path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? path[ApiPrefix.Length..] : http.Request.Path.Value![ApiPrefix.Length..];
    }

    // webob's content_type drops the parameters; a missing, empty or text/plain type counts as none.
    private static bool HasUnsupportedContentType(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("Content-Type", out var header))
        {
            return false;
        }

        var mediaType = header.ToString().Split(';', 2)[0];
        return mediaType.Length > 0 && mediaType != "text/plain" && !SupportedContentTypes.Contains(mediaType);
    }
}
