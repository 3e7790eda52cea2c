using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Internal;

/// <summary>The sign-in and connection parameters a command was given; null where it was given none.</summary>
internal sealed class SignInRequest
{
    private static T? Value<T>(IDictionary<string, object> bound, string name)
        where T : class =>
        bound.TryGetValue(name, out var value) ? value as T : null;

    public const string Source = "the command's parameters";

    public SecureString? Token { get; init; }

    public PSCredential? Credential { get; init; }

    public PSCredential? ApplicationCredential { get; init; }

    public Uri? AuthUrl { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectDomainName { get; init; }

    public string? ProjectDomainId { get; init; }

    public string? UserDomainName { get; init; }

    public string? UserDomainId { get; init; }

    public string? Cloud { get; init; }

    public string? Region { get; init; }

    public string? Interface { get; init; }

    public Uri? Endpoint { get; init; }

    public string? ApiVersion { get; init; }

    public bool? SkipCertificateCheck { get; init; }

    /// <summary>Already resolved against the PowerShell location.</summary>
    public string? CACertificatePath { get; init; }

    /// <summary>Reads the sign-in parameters a command was given, by their names, so every command maps them the same way.</summary>
    public static SignInRequest FromBoundParameters(IDictionary<string, object> bound, Func<string, string> resolvePath) => new()
    {
        Token = Value<SecureString>(bound, nameof(Token)),
        Credential = Value<PSCredential>(bound, nameof(Credential)),
        ApplicationCredential = Value<PSCredential>(bound, nameof(ApplicationCredential)),
        AuthUrl = Value<Uri>(bound, nameof(AuthUrl)),
        ProjectId = Value<string>(bound, nameof(ProjectId)),
        ProjectName = Value<string>(bound, nameof(ProjectName)),
        ProjectDomainName = Value<string>(bound, nameof(ProjectDomainName)),
        ProjectDomainId = Value<string>(bound, nameof(ProjectDomainId)),
        UserDomainName = Value<string>(bound, nameof(UserDomainName)),
        UserDomainId = Value<string>(bound, nameof(UserDomainId)),
        Cloud = Value<string>(bound, nameof(Cloud)),
        Region = Value<string>(bound, nameof(Region)),
        Interface = Value<string>(bound, nameof(Interface)),
        Endpoint = Value<Uri>(bound, nameof(Endpoint)),
        ApiVersion = Value<string>(bound, nameof(ApiVersion)),
        SkipCertificateCheck = bound.TryGetValue(nameof(SkipCertificateCheck), out var skip) ? ((SwitchParameter)skip).IsPresent : null,
        CACertificatePath = Value<string>(bound, nameof(CACertificatePath)) is { } path ? resolvePath(path) : null,
    };

    public bool IsEmpty => KeepsIdentity && Region is null && Interface is null && Endpoint is null && ApiVersion is null;

    /// <summary>
    /// True when only where or how to connect changes (endpoint, region, interface, microversion),
    /// not who signs in: then a session's token can serve the call.
    /// </summary>
    public bool KeepsIdentity =>
        Token is null && Credential is null && ApplicationCredential is null && AuthUrl is null && Cloud is null
        && ProjectId is null && ProjectName is null && ProjectDomainName is null && ProjectDomainId is null
        && UserDomainName is null && UserDomainId is null && SkipCertificateCheck is null && CACertificatePath is null;

    /// <summary>Refuses combinations that cannot mean anything, before anything is sent.</summary>
    public void Validate()
    {
        var credentials = (Token is null ? 0 : 1) + (Credential is null ? 0 : 1) + (ApplicationCredential is null ? 0 : 1);
        if (credentials > 1)
        {
            throw new ArgumentException("Pass only one of -Token, -Credential and -ApplicationCredential.");
        }

        if (ApplicationCredential is not null && (ProjectId is not null || ProjectName is not null))
        {
            throw new ArgumentException("An application credential always works in the project it was created in, and Keystone refuses a project named with it. Leave out -ProjectId and -ProjectName.");
        }

        if (ProjectId is not null && ProjectName is not null)
        {
            throw new ArgumentException("Pass -ProjectId or -ProjectName, not both.");
        }

        foreach (var (url, parameter) in new[] { (Endpoint, "-Endpoint"), (AuthUrl, "-AuthUrl") })
        {
            if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
            {
                throw new ArgumentException($"{parameter} '{url}' is not an http(s) URL.");
            }
        }

        if (ApiVersion is not null && !ApiVersionRequest.TryParse(ApiVersion, out _))
        {
            throw new ArgumentException($"'{ApiVersion}' is not a compute microversion. Use a version such as 2.72 (at least 2.1), or 'latest' for the newest the server serves.");
        }
    }

    public CloudConfig ToConfig() => new()
    {
        Source = Source,
        AuthType = Token is not null ? "token" : Credential is not null ? "password" : ApplicationCredential is not null ? "v3applicationcredential" : null,
        Token = Token,
        Username = Credential?.UserName,
        Password = Credential?.Password,
        ApplicationCredentialId = ApplicationCredential?.UserName,
        ApplicationCredentialSecret = ApplicationCredential?.Password,
        AuthUrl = AuthUrl?.AbsoluteUri,
        ProjectId = ProjectId,
        ProjectName = ProjectName,
        ProjectDomainName = ProjectDomainName,
        ProjectDomainId = ProjectDomainId,
        UserDomainName = UserDomainName,
        UserDomainId = UserDomainId,
        RegionName = Region,
        Interface = Interface,
        ComputeEndpointOverride = Endpoint?.AbsoluteUri,
        ComputeApiVersion = ApiVersion,
        Insecure = SkipCertificateCheck,
        CaCertificateFile = CACertificatePath,
    };
}
