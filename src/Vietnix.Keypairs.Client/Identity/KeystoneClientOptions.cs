using System;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>Where Keystone is, and how to reach it.</summary>
internal sealed class KeystoneClientOptions : ServiceClientOptions
{
    /// <param name="authUrl">An absolute http(s) URL; <see cref="SignInReader"/> has checked it.</param>
    public KeystoneClientOptions(Uri authUrl)
    {
        var path = authUrl.AbsolutePath.TrimEnd('/');
        AuthUrl = authUrl;

        // Keystone's catalog and openrc files give the URL with or without the /v3 version root.
        TokensUrl = new Uri(authUrl, (path.EndsWith("/v3", StringComparison.Ordinal) ? path : path + "/v3") + "/auth/tokens");
    }

    /// <summary>The identity endpoint as configured (OS_AUTH_URL).</summary>
    public Uri AuthUrl { get; }

    /// <summary>POST here to sign in, DELETE here to revoke.</summary>
    public Uri TokensUrl { get; }
}
