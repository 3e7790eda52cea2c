using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// The sign-in and connection parameters a command was given, read once into the settings shape
/// every source shares (<see cref="CloudConfig"/>); combinations that cannot mean anything are
/// refused here, before anything else is read or sent. URLs are checked once, with every other
/// source's, when the merged settings become a sign-in.
/// </summary>
internal sealed class SignInParameters
{
    public const string Source = "the command's parameters";

    // Only where or how to connect, not who signs in: a session's token can serve these.
    private static readonly string[] ConnectionOnly = ["Region", "Interface", "Endpoint", "ApiVersion"];

    private static readonly string[] SignInOnly =
    [
        "Token", "Credential", "ApplicationCredential", "AuthUrl", "ProjectId", "ProjectName", "ProjectDomainName", "ProjectDomainId",
        "UserDomainName", "UserDomainId", "Cloud", "SkipCertificateCheck", "CACertificatePath",
    ];

    private SignInParameters(CloudConfig? config, string? cloud, bool keepsIdentity)
    {
        Config = config;
        Cloud = cloud;
        KeepsIdentity = keepsIdentity;
    }

    /// <summary>What the parameters say; null when the command was given none of them.</summary>
    public CloudConfig? Config { get; }

    /// <summary>The cloud of clouds.yaml named with -Cloud.</summary>
    public string? Cloud { get; }

    /// <summary>True when no parameter was given, so the session or the environment decides everything.</summary>
    public bool IsEmpty => Config is null;

    /// <summary>
    /// True when only where or how to connect changes (endpoint, region, interface, microversion),
    /// not who signs in: then a session's token can serve the call.
    /// </summary>
    public bool KeepsIdentity { get; }

    /// <summary>Reads the parameters a command was given, by their names, so every command maps them the same way.</summary>
    /// <exception cref="ArgumentException">The parameters contradict each other.</exception>
    public static SignInParameters Read(IDictionary<string, object> bound, Func<string, string> resolvePath)
    {
        T? Value<T>(string name)
            where T : class =>
            bound.TryGetValue(name, out var value) ? value as T : null;

        var given = ConnectionOnly.Concat(SignInOnly).Where(bound.ContainsKey).ToList();
        if (given.Count == 0)
        {
            return new SignInParameters(null, null, keepsIdentity: true);
        }

        var token = Value<SecureString>("Token");
        var credential = Value<PSCredential>("Credential");
        var applicationCredential = Value<PSCredential>("ApplicationCredential");
        var projectId = Value<string>("ProjectId");
        var projectName = Value<string>("ProjectName");
        CheckCombination(token, credential, applicationCredential, projectId, projectName);
        var apiVersion = Value<string>("ApiVersion");

        // Checked here rather than with the other sources' value, so that a mistyped parameter is
        // reported as one (InvalidConnectionParameters) rather than as missing sign-in information.
        if (apiVersion is not null && !ApiVersionRequest.TryParse(apiVersion, out _))
        {
            throw new ArgumentException(ApiVersionRequest.ProblemWith(apiVersion));
        }

        var config = new CloudConfig
        {
            Source = Source,
            AuthType = token is not null ? "token" : credential is not null ? "password" : applicationCredential is not null ? "v3applicationcredential" : null,
            Token = token,
            Username = credential?.UserName,
            Password = credential?.Password,
            ApplicationCredentialId = applicationCredential?.UserName,
            ApplicationCredentialSecret = applicationCredential?.Password,
            AuthUrl = Value<Uri>("AuthUrl")?.AbsoluteUri,
            ProjectId = projectId,
            ProjectName = projectName,
            ProjectDomainName = Value<string>("ProjectDomainName"),
            ProjectDomainId = Value<string>("ProjectDomainId"),
            UserDomainName = Value<string>("UserDomainName"),
            UserDomainId = Value<string>("UserDomainId"),
            RegionName = Value<string>("Region"),
            Interface = Value<string>("Interface"),
            ComputeEndpointOverride = Value<Uri>("Endpoint")?.AbsoluteUri,
            ComputeApiVersion = apiVersion,
            Insecure = bound.TryGetValue("SkipCertificateCheck", out var skip) ? ((SwitchParameter)skip).IsPresent : null,
            CaCertificateFile = Value<string>("CACertificatePath") is { } path ? resolvePath(path) : null,
        };
        return new SignInParameters(config, Value<string>("Cloud"), keepsIdentity: !given.Intersect(SignInOnly).Any());
    }

    private static void CheckCombination(SecureString? token, PSCredential? credential, PSCredential? applicationCredential, string? projectId, string? projectName)
    {
        var credentials = (token is null ? 0 : 1) + (credential is null ? 0 : 1) + (applicationCredential is null ? 0 : 1);
        if (credentials > 1)
        {
            throw new ArgumentException("Pass only one of -Token, -Credential and -ApplicationCredential.");
        }

        if (applicationCredential is not null && (projectId is not null || projectName is not null))
        {
            throw new ArgumentException("An application credential always works in the project it was created in, and Keystone refuses a project named with it. Leave out -ProjectId and -ProjectName.");
        }

        if (projectId is not null && projectName is not null)
        {
            throw new ArgumentException("Pass -ProjectId or -ProjectName, not both.");
        }
    }
}
