using System;
using System.Collections.Generic;
using System.Security;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>
/// What one merged configuration means: sign in to Keystone with a credential (then take the compute
/// endpoint from the catalog), or use a token directly against a known compute endpoint. Refuses,
/// with the parameter and variable to set, what cannot work.
/// </summary>
public sealed class SignInPlan
{
    private SignInPlan(CloudConfig config, Func<string, string> resolvePath)
    {
        Source = config.Source;
        Region = Blank(config.RegionName);
        Interface = Blank(config.Interface);
        SkipCertificateCheck = config.Insecure == true;
        CaCertificateFile = Blank(config.CaCertificateFile) is { } caFile ? resolvePath(caFile) : null;
        EndpointOverride = OptionalUrl(config.ComputeEndpointOverride, "compute endpoint (-Endpoint, OS_COMPUTE_ENDPOINT_OVERRIDE)");
        ApiVersion = ReadApiVersion(config.ComputeApiVersion);
        ProjectId = Blank(config.ProjectId);
    }

    /// <summary>Where the settings came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The Keystone credential, or null for a token used directly against the compute endpoint.</summary>
    public KeystoneCredential? Credential { get; private set; }

    /// <summary>The token to use directly, when there is no auth URL to exchange it at.</summary>
    public SecureString? DirectToken { get; private set; }

    public Uri? AuthUrl { get; private set; }

    public ProjectScope? Scope { get; private set; }

    public string? ProjectId { get; }

    public string? Region { get; }

    public string? Interface { get; }

    /// <summary>A compute endpoint that wins over the catalog's.</summary>
    public Uri? EndpointOverride { get; }

    public ApiVersionRequest ApiVersion { get; }

    public bool SkipCertificateCheck { get; }

    public string? CaCertificateFile { get; }

    /// <summary>Settings that were given but do not apply, for -Verbose.</summary>
    public IReadOnlyList<string> Notes => _notes;

    private readonly List<string> _notes = [];

    /// <param name="resolvePath">Resolves a relative file path (OS_CACERT) the way the caller's shell would.</param>
    public static SignInPlan From(CloudConfig config, Func<string, string>? resolvePath = null)
    {
        var plan = new SignInPlan(config, resolvePath ?? (path => path));
        var authUrl = OptionalUrl(config.AuthUrl, "auth URL (-AuthUrl, OS_AUTH_URL)");
        switch (MethodOf(config))
        {
            case "application_credential":
                plan.Credential = ApplicationCredentialFrom(config);
                plan.AuthUrl = authUrl ?? throw MissingAuthUrl(config, "an application credential");
                if (config.ProjectId is not null || config.ProjectName is not null)
                {
                    plan._notes.Add($"The project given in {config.Source} is not used: an application credential always works in its own project.");
                }

                break;
            case "token" when authUrl is null:
                plan.DirectToken = config.Token;
                if (plan.Region is not null || plan.Interface is not null)
                {
                    plan._notes.Add("The region and interface are not used: a token given without an auth URL goes straight to the compute endpoint, with no catalog to choose from.");
                }

                break;
            case "token":
                plan.Credential = new TokenCredential(config.Token!);
                plan.AuthUrl = authUrl;
                plan.Scope = ScopeFrom(config);
                break;
            default:
                plan.Credential = PasswordFrom(config);
                plan.AuthUrl = authUrl ?? throw MissingAuthUrl(config, "a password");
                plan.Scope = ScopeFrom(config);
                break;
        }

        return plan;
    }

    // openstacksdk's auth_type names; without one, the kind of secret decides.
    private static string MethodOf(CloudConfig config)
    {
        var type = config.AuthType?.Trim().ToLowerInvariant().Replace('-', '_');
        switch (type)
        {
            case "password" or "v3password":
                return "password";
            case "v3applicationcredential" or "applicationcredential" or "application_credential" or "v3_application_credential":
                return "application_credential";
            case "token" or "v3token" or "admin_token":
                return config.Token is null ? throw Missing(config, "token", "-Token", "OS_TOKEN") : "token";
            case null or "":
                break;
            default:
                throw new VietnixSignInException(SignInProblem.Incomplete,
                    $"The auth type '{config.AuthType}' ({config.Source}) is not supported. Use a password, an application credential (v3applicationcredential) or a token.");
        }

        if (config.ApplicationCredentialSecret is not null || config.ApplicationCredentialId is not null || config.ApplicationCredentialName is not null)
        {
            return "application_credential";
        }

        if (config.Token is not null && config.Password is null)
        {
            return "token";
        }

        if (config.Password is not null || config.Username is not null || config.UserId is not null)
        {
            return "password";
        }

        throw new VietnixSignInException(SignInProblem.Incomplete,
            "Nothing to sign in with. Pass -Credential with -AuthUrl, -ApplicationCredential with -AuthUrl, or -Token; "
            + "or name a cloud of clouds.yaml with -Cloud (or OS_CLOUD); or set the OS_* variables of an openrc file "
            + "(OS_AUTH_URL with OS_USERNAME and OS_PASSWORD, or OS_APPLICATION_CREDENTIAL_ID and _SECRET).");
    }

    private static PasswordCredential PasswordFrom(CloudConfig config)
    {
        if (config.Password is null)
        {
            throw Missing(config, "password", "-Credential", "OS_PASSWORD");
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
            throw Missing(config, "user name", "-Credential", "OS_USERNAME");
        }

        return new PasswordCredential(user, config.Password);
    }

    private static ApplicationCredential ApplicationCredentialFrom(CloudConfig config)
    {
        if (config.ApplicationCredentialSecret is null)
        {
            throw Missing(config, "application credential secret", "-ApplicationCredential", "OS_APPLICATION_CREDENTIAL_SECRET");
        }

        if (Blank(config.ApplicationCredentialId) is { } id)
        {
            return ApplicationCredential.WithId(id, config.ApplicationCredentialSecret);
        }

        if (Blank(config.ApplicationCredentialName) is not { } name)
        {
            throw Missing(config, "application credential id", "-ApplicationCredential", "OS_APPLICATION_CREDENTIAL_ID");
        }

        // A name is unique only per user, so Keystone needs the user too.
        UserReference user = Blank(config.UserId) is { } userId
            ? UserReference.WithId(userId)
            : Blank(config.Username) is { } userName
                ? UserReference.WithName(userName, Domain(config.UserDomainId, config.UserDomainName))
                : throw Missing(config, $"user for the application credential named '{name}'", "-ApplicationCredential with the credential's id instead", "OS_USERNAME or OS_USER_ID");
        return ApplicationCredential.WithName(name, user, config.ApplicationCredentialSecret);
    }

    // Nova needs a project-scoped token; without a project Keystone scopes to the user's default
    // project, if there is one, and the caller checks the token it gets.
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

    // python-openstackclient accepts a bare "2" (OS_COMPUTE_API_VERSION=2) for the base v2.1 API.
    private static ApiVersionRequest ReadApiVersion(string? text) =>
        Blank(text) is not { } value ? ApiVersionRequest.Default
        : value == "2" ? ApiVersionRequest.For(ComputeApiVersion.V2_1)
        : ApiVersionRequest.TryParse(value, out var version) ? version
        : throw new VietnixSignInException(SignInProblem.Incomplete,
            $"'{value}' is not a compute microversion (-ApiVersion, OS_COMPUTE_API_VERSION). Use a version such as 2.72, or latest.");

    private static Uri? OptionalUrl(string? text, string what)
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new VietnixSignInException(SignInProblem.Incomplete, $"The {what} '{value}' is not an http(s) URL.");
    }

    private static VietnixSignInException MissingAuthUrl(CloudConfig config, string credential) =>
        Missing(config, "auth URL (Keystone's address)", "-AuthUrl", "OS_AUTH_URL", $" to sign in with {credential}");

    private static VietnixSignInException Missing(CloudConfig config, string what, string parameter, string variable, string purpose = " to sign in") =>
        new(SignInProblem.Incomplete, $"No {what}{purpose} in {config.Source}: pass {parameter}, or set {variable} (or the matching auth setting of the cloud in clouds.yaml).{(config.Withheld is { } why ? " " + why : string.Empty)}");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
