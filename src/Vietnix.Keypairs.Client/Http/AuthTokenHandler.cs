using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// Adds X-Auth-Token. It sits inside the logging handler, so the token is never visible to logging.
/// After a 401 it asks the provider for a new token once and replays the request once.
/// </summary>
internal sealed class AuthTokenHandler(ITokenProvider tokens) : DelegatingHandler
{
    internal const string HeaderName = "X-Auth-Token";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (RequestFlags.IsAnonymous(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var replay = await BufferedCopy.CreateAsync(request).ConfigureAwait(false);
        SetToken(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !await tokens.TryRenewAsync(token, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        using var retry = replay.ToRequest();
        SetToken(retry, await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    private static void SetToken(HttpRequestMessage request, string token)
    {
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, token);
    }
}
