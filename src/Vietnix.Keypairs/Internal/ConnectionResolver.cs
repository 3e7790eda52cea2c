using System;
using System.Security;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Internal;

/// <summary>The connection parameters a command was given; null where it was not given one.</summary>
internal sealed class ConnectionParameters
{
    public SecureString? Token { get; init; }

    public string? ProjectId { get; init; }

    public Uri? Endpoint { get; init; }

    public string? ApiVersion { get; init; }

    public bool? SkipCertificateCheck { get; init; }
}

/// <summary>
/// Merges a command's own connection parameters over the runspace's session: what the command
/// was given wins, the rest comes from the session.
/// </summary>
internal static class ConnectionResolver
{
    public static ConnectionSettings Resolve(ConnectionParameters given, ConnectionSettings? session)
    {
        ITokenProvider tokens = given.Token is { Length: > 0 } token
            ? new StaticTokenProvider(token)
            : session?.Tokens ?? throw new ArgumentException(
                "No token: pass -Token (a SecureString, e.g. from Get-Secret or Read-Host -AsSecureString), or run Connect-VietnixAccount first.");

        var endpoint = given.Endpoint
            ?? (given.ProjectId is { } projectId ? KeyPairClientOptions.VietnixEndpointFor(projectId) : null)
            ?? session?.Endpoint
            ?? throw new ArgumentException("No endpoint: pass -ProjectId (for Vietnix Cloud's endpoint) or -Endpoint, or run Connect-VietnixAccount first.");

        var apiVersion = session?.ApiVersion ?? ApiVersionRequest.Default;
        if (given.ApiVersion is { } text && !ApiVersionRequest.TryParse(text, out apiVersion))
        {
            throw new ArgumentException($"'{text}' is not a compute microversion. Use a version such as 2.72 (at least 2.1), or 'latest' for the newest the server serves.");
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' is not an http(s) URL such as https://api.vietnix.cloud:8774/v2.1/<project id>.");
        }

        return new ConnectionSettings(
            endpoint,
            given.ProjectId ?? session?.ProjectId,
            apiVersion,
            given.SkipCertificateCheck ?? session?.SkipCertificateCheck ?? false,
            tokens);
    }
}
