using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>
/// Reads merged settings into a <see cref="SignInDescription"/>, checking each value once: what
/// cannot work is refused with the setting it is about (<see cref="VietnixSignInException.Setting"/>),
/// before anything is sent.
/// </summary>
internal static class SignInReader
{
    /// <param name="resolvePath">Resolves a relative file path (a CA file) the way the caller's shell would.</param>
    public static SignInDescription Read(CloudConfig config, Func<string, string>? resolvePath = null)
    {
        if (config is null)
        {
            throw new ArgumentNullException(nameof(config));
        }

        var notes = new List<string>();
        var apiVersion = ReadApiVersion(config.ComputeApiVersion);
        var endpointOverride = OptionalUrl(config.ComputeEndpointOverride, SignInSetting.ComputeEndpoint, "compute endpoint");
        var authUrl = OptionalUrl(config.AuthUrl, SignInSetting.AuthUrl, "auth URL");
        var region = Blank(config.RegionName);
        var @interface = Blank(config.Interface);

        // Read after every other check, so that a setting that cannot work is reported without reading a file first.
        TransportSettings Transport() => ReadTransport(config, resolvePath ?? (path => path));

        var method = MethodOf(config);
        if (method == TokenMethod && authUrl is null)
        {
            if (region is not null || @interface is not null)
            {
                notes.Add("The region and interface are not used: a token given without an auth URL goes straight to the compute endpoint, with no catalog to choose from.");
            }

            var endpoint = endpointOverride
                ?? (Blank(config.ProjectId) is { } projectId ? ComputeServiceOptions.VietnixEndpointFor(projectId) : null)
                ?? throw VietnixSignInException.Incomplete(SignInSetting.ComputeEndpoint,
                    $"A token alone does not say where the compute API is ({config.Source}): give the compute endpoint or the project id, or an auth URL to read the endpoint from Keystone's catalog.");
            return new DirectTokenSignIn(config.Source, apiVersion, Transport(), notes, config.Token!, endpoint);
        }

        KeystoneCredential credential = method switch
        {
            ApplicationCredentialMethod => ApplicationCredentialFrom(config),
            TokenMethod => new TokenCredential(config.Token!),
            _ => PasswordFrom(config),
        };
        if (!credential.AcceptsScope && (config.ProjectId is not null || config.ProjectName is not null))
        {
            notes.Add($"The project given in {config.Source} is not used: an application credential always works in its own project.");
        }

        return new KeystoneSignIn(
            config.Source, apiVersion, Transport(), notes,
            authUrl ?? throw Missing(config, SignInSetting.AuthUrl, "auth URL (Keystone's address)", $" to sign in with {credential.Describe()}"),
            credential, ScopeFrom(config), endpointOverride, region, @interface);
    }

    private const string PasswordMethod = "password";
    private const string ApplicationCredentialMethod = "application_credential";
    private const string TokenMethod = "token";

    // openstacksdk's auth_type names; without one, the kind of secret decides.
    private static string MethodOf(CloudConfig config)
    {
        var type = config.AuthType?.Trim().ToLowerInvariant().Replace('-', '_');
        switch (type)
        {
            case "password" or "v3password":
                return PasswordMethod;
            case "v3applicationcredential" or "applicationcredential" or "application_credential" or "v3_application_credential":
                return ApplicationCredentialMethod;
            case "token" or "v3token" or "admin_token":
                return config.Token is null ? throw Missing(config, SignInSetting.Token, "token") : TokenMethod;
            case null or "":
                break;
            default:
                throw VietnixSignInException.Incomplete(SignInSetting.AuthType,
                    $"The auth type '{config.AuthType}' ({config.Source}) is not supported. Use a password, an application credential (v3applicationcredential) or a token.");
        }

        if (config.ApplicationCredentialSecret is not null || config.ApplicationCredentialId is not null || config.ApplicationCredentialName is not null)
        {
            return ApplicationCredentialMethod;
        }

        if (config.Token is not null && config.Password is null)
        {
            return TokenMethod;
        }

        if (config.Password is not null || config.Username is not null || config.UserId is not null)
        {
            return PasswordMethod;
        }

        throw VietnixSignInException.Incomplete(SignInSetting.Credential,
            $"Nothing to sign in with in {config.Source}: no password, application credential or token.{Withheld(config)}");
    }

    private static PasswordCredential PasswordFrom(CloudConfig config)
    {
        if (config.Password is null)
        {
            throw Missing(config, SignInSetting.Password, "password");
        }

        UserReference user;
        if (Blank(config.UserId) is { } userId)
        {
            user = UserReference.WithId(userId);
        }
        else if (Blank(config.Username) is { } name)
        {
            user = UserReference.WithName(name, Domain(config.UserDomainId, config.UserDomainName));
        }
        else
        {
            throw Missing(config, SignInSetting.UserName, "user name");
        }

        return new PasswordCredential(user, config.Password);
    }

    private static ApplicationCredential ApplicationCredentialFrom(CloudConfig config)
    {
        if (config.ApplicationCredentialSecret is null)
        {
            throw Missing(config, SignInSetting.ApplicationCredentialSecret, "application credential secret");
        }

        if (Blank(config.ApplicationCredentialId) is { } id)
        {
            return ApplicationCredential.WithId(id, config.ApplicationCredentialSecret);
        }

        if (Blank(config.ApplicationCredentialName) is not { } name)
        {
            throw Missing(config, SignInSetting.ApplicationCredentialId, "application credential id");
        }

        // A name is unique only per user, so Keystone needs the user too.
        UserReference user = Blank(config.UserId) is { } userId
            ? UserReference.WithId(userId)
            : Blank(config.Username) is { } userName
                ? UserReference.WithName(userName, Domain(config.UserDomainId, config.UserDomainName))
                : throw Missing(config, SignInSetting.ApplicationCredentialUser, $"user for the application credential named '{name}'");
        return ApplicationCredential.WithName(name, user, config.ApplicationCredentialSecret);
    }

    // Nova needs a project-scoped token; without a project Keystone scopes to the user's default
    // project, if there is one, and the sign-in checks the token it gets.
    private static ProjectScope? ScopeFrom(CloudConfig config) =>
        Blank(config.ProjectId) is { } id
            ? ProjectScope.WithId(id)
            : Blank(config.ProjectName) is { } name
                ? ProjectScope.WithName(name, Domain(config.ProjectDomainId, config.ProjectDomainName))
                : null;

    private static DomainReference Domain(string? id, string? name) =>
        Blank(id) is { } domainId ? DomainReference.WithId(domainId)
        : Blank(name) is { } domainName ? DomainReference.WithName(domainName)
        : DomainReference.Default;

    // A CA file is ignored when certificate checks are off, as openstacksdk ignores cacert with verify: false.
    private static TransportSettings ReadTransport(CloudConfig config, Func<string, string> resolvePath)
    {
        if (config.Insecure == true)
        {
            return new TransportSettings { SkipCertificateCheck = true };
        }

        if (Blank(config.CaCertificateFile) is not { } file)
        {
            return new TransportSettings();
        }

        X509Certificate2Collection authorities;
        try
        {
            authorities = CertificateFile.Load(resolvePath(file));
        }
        catch (IOException exception)
        {
            throw VietnixSignInException.Incomplete(SignInSetting.CaCertificateFile, exception.Message, exception);
        }

        return new TransportSettings { CertificateAuthorities = authorities };
    }

    // python-openstackclient accepts a bare "2" (OS_COMPUTE_API_VERSION=2) for the base v2.1 API.
    private static ApiVersionRequest ReadApiVersion(string? text) =>
        Blank(text) is not { } value ? ApiVersionRequest.Default
        : value == "2" ? ApiVersionRequest.For(ComputeApiVersion.V2_1)
        : ApiVersionRequest.TryParse(value, out var version) ? version
        : throw VietnixSignInException.Incomplete(SignInSetting.ComputeApiVersion, ApiVersionRequest.ProblemWith(value));

    private static Uri? OptionalUrl(string? text, SignInSetting setting, string what)
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw VietnixSignInException.Incomplete(setting, $"The {what} '{value}' is not an http(s) URL.");
        }

        if (setting == SignInSetting.AuthUrl && url.AbsolutePath.TrimEnd('/').EndsWith("/v2.0", StringComparison.Ordinal))
        {
            throw VietnixSignInException.Incomplete(setting, $"The auth URL '{url}' is Keystone's v2.0 API, which is gone. Use its v3 URL (…/v3).");
        }

        // Refused before anything is sent: a password posted to Nova goes to a service that has no use for it.
        if (setting == SignInSetting.AuthUrl && IsComputeEndpoint(url))
        {
            throw VietnixSignInException.Incomplete(setting,
                $"The auth URL '{url}' is Nova's: this is a compute endpoint; the auth URL is Keystone's, usually :5000/v3 (for example {url.Scheme}://{url.Host}:5000/v3). "
                + "Give Keystone's URL as the auth URL; a compute URL goes to -Endpoint, and the catalog finds it by itself otherwise.");
        }

        return url;
    }

    private static readonly char[] PathSeparator = ['/'];

    // Nova's addresses: …/v2.1 or …/v2 (legacy), optionally followed by a project id, or the port
    // 8774 that Nova listens on by default. Keystone's end in /v3 (and, long gone, /v2.0).
    private static bool IsComputeEndpoint(Uri url)
    {
        var segments = url.AbsolutePath.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var version = segments.Length >= 2 && IsProjectId(segments[segments.Length - 1]) ? segments[segments.Length - 2]
            : segments.Length >= 1 ? segments[segments.Length - 1]
            : null;
        return version is "v2.1" or "v2" || (url.Port == 8774 && version is not "v3");
    }

    private static bool IsProjectId(string segment) =>
        segment.Length is 32 or 36 && segment.All(character => Uri.IsHexDigit(character) || character == '-');

    private static VietnixSignInException Missing(CloudConfig config, SignInSetting setting, string what, string purpose = " to sign in") =>
        VietnixSignInException.Incomplete(setting, $"No {what}{purpose} in {config.Source}.{Withheld(config)}");

    private static string Withheld(CloudConfig config) => config.Withheld is { } why ? " " + why : string.Empty;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
