using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>Keystone v3 over one HttpClient pipeline (logging, then the network; no token handler).</summary>
internal sealed class KeystoneClient : IKeystoneClient
{
    private const string SubjectTokenHeader = "X-Subject-Token";

    private readonly HttpClient _http;
    private readonly ApiTransport _transport;

    internal KeystoneClient(HttpClient http, KeystoneClientOptions options)
    {
        _http = http;
        _transport = new ApiTransport(http, "Keystone", options.Timeout);
        Options = options;
    }

    public KeystoneClientOptions Options { get; }

    public async Task<KeystoneToken> IssueTokenAsync(KeystoneCredential credential, ProjectScope? scope, CancellationToken cancellationToken)
    {
        try
        {
            return await PostTokenAsync(credential, scope, cancellationToken).ConfigureAwait(false);
        }
        catch (VietnixApiException refused) when (IsRefusal(refused))
        {
            throw Refusal(credential, scope, refused);
        }
        catch (VietnixApiException refused) when (refused.StatusCode is 400 or 403)
        {
            // Keystone's 400 is a request it cannot read; its 403 a sign-in it forbids (for example
            // a password that must be changed first). Either way the sign-in is what failed.
            throw new VietnixSignInException(
                refused.StatusCode == 400 ? SignInProblem.Incomplete : SignInProblem.CredentialsRefused,
                $"Keystone at {Options.AuthUrl} refused to sign in {credential.Describe()}: {refused.Message}",
                refused);
        }
    }

    public async Task RevokeTokenAsync(KeystoneToken token, CancellationToken cancellationToken)
    {
        using var request = ApiTransport.JsonRequest(HttpMethod.Delete, Options.TokensUrl, null);
        request.Headers.TryAddWithoutValidation(AuthTokenHandler.HeaderName, token.Value);
        request.Headers.TryAddWithoutValidation(SubjectTokenHeader, token.Value);
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await _transport.EnsureStatusAsync(response, HttpMethod.Delete, Options.TokensUrl, 204).ConfigureAwait(false);
        }
        catch (VietnixApiException refused) when (IsRefusal(refused))
        {
            // The token authenticates its own revocation, so 401 or 404 means it has already expired
            // or been revoked: the goal is met.
        }
    }

    public void Dispose()
    {
        _http.Dispose();
    }

    private async Task<KeystoneToken> PostTokenAsync(KeystoneCredential credential, ProjectScope? scope, CancellationToken cancellationToken)
    {
        var url = Options.TokensUrl;
        using var request = ApiTransport.JsonRequest(HttpMethod.Post, url, KeystoneAuthBody.Write(credential, scope));

        // A second token for the same credential is harmless (the first just expires), so a
        // sign-in is retried like a GET.
        RequestFlags.MarkRepeatable(request);
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureStatusAsync(response, HttpMethod.Post, url, 201).ConfigureAwait(false);

        var value = response.Headers.TryGetValues(SubjectTokenHeader, out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(value))
        {
            throw new VietnixProtocolException($"{url} answered 201 without the X-Subject-Token header that carries the token.", url.AbsoluteUri);
        }

        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return TokenBodyReader.Read(value!, body, url);
    }

    // 401 for a wrong password or project; Keystone (Zed) answers 404 for an unknown, expired or
    // revoked token given to the token method, and for an unknown application credential.
    private static bool IsRefusal(VietnixApiException exception) => exception.StatusCode is 401 or 404;

    // Keystone answers a wrong credential and a project the user may not use with the same 401,
    // so as not to tell an attacker which part was wrong. Asking again without the project would
    // tell them apart, but would count a wrong password twice against the account's lockout; the
    // message names both causes instead.
    private VietnixSignInException Refusal(KeystoneCredential credential, ProjectScope? scope, VietnixApiException refused)
    {
        var requestId = refused.RequestId is null ? string.Empty : $" (request id {refused.RequestId})";
        var reason = refused.ServerMessage ?? "no reason given";
        var message = scope is not null && credential.AcceptsScope
            ? $"Keystone at {Options.AuthUrl} refused to sign in {credential.Describe()} to {scope}: {reason}{requestId}. "
              + "Keystone gives the same answer for two causes: the credentials are wrong, or the project does not exist there or the user has no role on it. "
              + $"{credential.RefusalAdvice} Check the project's name or id and its domain too."
            : $"Keystone at {Options.AuthUrl} refused {credential.Describe()}: {reason}{requestId}. {credential.RefusalAdvice}";
        return new VietnixSignInException(SignInProblem.CredentialsRefused, message, refused);
    }

    /// <summary>Reads the parts of Keystone's token body the module uses.</summary>
    private static class TokenBodyReader
    {
        public static KeystoneToken Read(string value, byte[] body, Uri url)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var token = document.RootElement.GetProperty("token");
                var expiresAt = Timestamp(token, "expires_at")
                    ?? throw new VietnixProtocolException($"{url} answered with a token body without expires_at.", url.AbsoluteUri);
                var user = Member(token, "user");
                var project = Member(token, "project");
                return new KeystoneToken(value, expiresAt, new ServiceCatalog(Catalog(token)))
                {
                    UserId = Text(user, "id"),
                    UserName = Text(user, "name"),
                    UserDomainName = Text(Member(user, "domain"), "name"),
                    ProjectId = Text(project, "id"),
                    ProjectName = Text(project, "name"),
                    ProjectDomainName = Text(Member(project, "domain"), "name"),
                };
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new VietnixProtocolException($"{url} answered with a token body Keystone does not send: {exception.Message}", url.AbsoluteUri, exception);
            }
        }

        private static List<CatalogEndpoint> Catalog(JsonElement token)
        {
            var endpoints = new List<CatalogEndpoint>();
            if (Member(token, "catalog") is not { ValueKind: JsonValueKind.Array } catalog)
            {
                return endpoints;
            }

            foreach (var service in catalog.EnumerateArray())
            {
                var type = Text(service, "type") ?? string.Empty;
                if (Member(service, "endpoints") is not { ValueKind: JsonValueKind.Array } list)
                {
                    continue;
                }

                foreach (var endpoint in list.EnumerateArray())
                {
                    if (Text(endpoint, "url") is { } url && Text(endpoint, "interface") is { } @interface)
                    {
                        // region_id since identity API v3.2; region before it.
                        endpoints.Add(new CatalogEndpoint(type, @interface, Text(endpoint, "region_id") ?? Text(endpoint, "region"), url));
                    }
                }
            }

            return endpoints;
        }

        private static JsonElement? Member(JsonElement? element, string name) =>
            element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) ? member : null;

        private static string? Text(JsonElement? element, string name) =>
            Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

        private static DateTimeOffset? Timestamp(JsonElement element, string name) =>
            DateTimeOffset.TryParse(Text(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }
}
