using System;
using System.Security;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>Layers two sources; see <see cref="CloudConfig.Merge"/>.</summary>
internal static class CloudConfigMerge
{
    public static CloudConfig Merge(CloudConfig higher, CloudConfig lower)
    {
        if (higher is null)
        {
            throw new ArgumentNullException(nameof(higher));
        }

        if (lower is null)
        {
            throw new ArgumentNullException(nameof(lower));
        }

        // When neither source has a secret, there is no pair to keep together: names merge like the rest.
        var credentialSource = higher.HasCredential ? higher : lower.HasCredential ? lower : null;
        string? Credential(Func<CloudConfig, string?> field) =>
            credentialSource is null ? field(higher) ?? field(lower) : field(credentialSource);
        SecureString? Secret(Func<CloudConfig, SecureString?> field) => credentialSource is null ? null : field(credentialSource);
        string? Field(Func<CloudConfig, string?> field) => field(higher) ?? field(lower);

        // An id and a name of the same thing come together from one source: a -ProjectName given
        // by the caller must not lose to an OS_PROJECT_ID from the environment, which the sign-in
        // would prefer.
        CloudConfig PairSource(Func<CloudConfig, string?> id, Func<CloudConfig, string?> name) =>
            id(higher) is not null || name(higher) is not null ? higher : lower;
        var project = PairSource(c => c.ProjectId, c => c.ProjectName);
        var userDomain = PairSource(c => c.UserDomainId, c => c.UserDomainName);
        var projectDomain = PairSource(c => c.ProjectDomainId, c => c.ProjectDomainName);

        var regionName = Field(c => c.RegionName);
        var authUrlTemplate = higher.AuthUrl is not null ? higher.AuthUrlTemplate : lower.AuthUrlTemplate;

        return new CloudConfig
        {
            AuthUrl = authUrlTemplate is null ? Field(c => c.AuthUrl) : RegionPlaceholder.Expand(authUrlTemplate, regionName),
            AuthUrlTemplate = authUrlTemplate,
            AuthType = Credential(c => c.AuthType),
            Username = Credential(c => c.Username),
            UserId = Credential(c => c.UserId),
            ApplicationCredentialId = Credential(c => c.ApplicationCredentialId),
            ApplicationCredentialName = Credential(c => c.ApplicationCredentialName),
            Password = Secret(c => c.Password),
            ApplicationCredentialSecret = Secret(c => c.ApplicationCredentialSecret),
            Token = Secret(c => c.Token),
            UserDomainName = userDomain.UserDomainName,
            UserDomainId = userDomain.UserDomainId,
            ProjectId = project.ProjectId,
            ProjectName = project.ProjectName,
            ProjectDomainName = projectDomain.ProjectDomainName,
            ProjectDomainId = projectDomain.ProjectDomainId,
            RegionName = regionName,
            Interface = Field(c => c.Interface),
            ComputeApiVersion = Field(c => c.ComputeApiVersion),
            CaCertificateFile = Field(c => c.CaCertificateFile),
            ComputeEndpointOverride = Field(c => c.ComputeEndpointOverride),
            Insecure = higher.Insecure ?? lower.Insecure,
            Source = $"{higher.Source}, then {lower.Source}",
        };
    }
}
