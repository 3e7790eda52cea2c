using System;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>Where Keystone is, and how to reach it.</summary>
public sealed class KeystoneClientOptions : ServiceClientOptions
{
    public KeystoneClientOptions(Uri authUrl)
    {
        if (authUrl is null || !authUrl.IsAbsoluteUri || (authUrl.Scheme != Uri.UriSchemeHttps && authUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new VietnixSignInException(SignInProblem.Incomplete, $"The auth URL '{authUrl}' is not an http(s) URL such as https://keystone.example:5000/v3.");
        }

        var path = authUrl.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v2.0", StringComparison.Ordinal))
        {
            throw new VietnixSignInException(SignInProblem.Incomplete, $"The auth URL '{authUrl}' is Keystone's v2.0 API, which is gone. Use its v3 URL (…/v3).");
        }

        AuthUrl = authUrl;

        // Keystone's catalog and openrc files give the URL with or without the /v3 version root.
        TokensUrl = new Uri(authUrl, (path.EndsWith("/v3", StringComparison.Ordinal) ? path : path + "/v3") + "/auth/tokens");
    }

    /// <summary>The identity endpoint as configured (OS_AUTH_URL).</summary>
    public Uri AuthUrl { get; }

    /// <summary>POST here to sign in, DELETE here to revoke.</summary>
    public Uri TokensUrl { get; }
}
