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

        // A secret is sent only to the Keystone it was given for, and certificate trust (insecure,
        // cacert) belongs to the sign-in it came with: when the higher source names another
        // Keystone, or brings its own credential over one the lower source holds, the lower
        // source's secret, insecure and cacert are left behind.
        var withheld = Withheld(higher, lower);
        if (withheld is not null)
        {
            lower = WithoutSignInTrust(lower);
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
            Withheld = higher.Withheld ?? withheld ?? lower.Withheld,
        };
    }

    /// <summary>Why the lower source's secret and certificate settings do not carry over, or null when they do.</summary>
    private static string? Withheld(CloudConfig higher, CloudConfig lower)
    {
        if (!lower.HasCredential && lower.Insecure is null && lower.CaCertificateFile is null)
        {
            return null;
        }

        if (higher.AuthUrl is not null && lower.AuthUrl is not null && !SameKeystone(higher.AuthUrl, lower.AuthUrl))
        {
            return $"The credential and certificate settings of {lower.Source} are for the Keystone at {lower.AuthUrl}, so they are not used with {higher.AuthUrl}.";
        }

        return higher.HasCredential && lower.HasCredential
            ? $"The certificate settings of {lower.Source} came with its own credential, so they are not used with the credential of {higher.Source}."
            : null;
    }

    private static CloudConfig WithoutSignInTrust(CloudConfig lower) => new()
    {
        AuthUrl = lower.AuthUrl,
        AuthUrlTemplate = lower.AuthUrlTemplate,
        AuthType = lower.AuthType,
        Username = lower.Username,
        UserId = lower.UserId,
        ApplicationCredentialId = lower.ApplicationCredentialId,
        ApplicationCredentialName = lower.ApplicationCredentialName,
        UserDomainName = lower.UserDomainName,
        UserDomainId = lower.UserDomainId,
        ProjectId = lower.ProjectId,
        ProjectName = lower.ProjectName,
        ProjectDomainName = lower.ProjectDomainName,
        ProjectDomainId = lower.ProjectDomainId,
        RegionName = lower.RegionName,
        Interface = lower.Interface,
        ComputeApiVersion = lower.ComputeApiVersion,
        ComputeEndpointOverride = lower.ComputeEndpointOverride,
        Source = lower.Source,
    };

    // The same Keystone whether or not the URL names the /v3 version root or ends in '/'.
    private static bool SameKeystone(string first, string second) =>
        Normalized(first) is { } one && Normalized(second) is { } other && string.Equals(one, other, StringComparison.Ordinal);

    private static string? Normalized(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed))
        {
            return null;
        }

        var path = parsed.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v3", StringComparison.Ordinal))
        {
            path = path.Substring(0, path.Length - 3);
        }

        return parsed.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + path;
    }
}
