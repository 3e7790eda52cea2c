using System.Security;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// What one source (parameters, the OS_* variables, a cloud in clouds.yaml) says about how to sign in.
/// A null property means "this source does not say". Names follow openstacksdk's config keys.
/// </summary>
internal sealed class CloudConfig
{
    private readonly SecureString? _password;
    private readonly SecureString? _applicationCredentialSecret;
    private readonly SecureString? _token;

    public string? AuthUrl { get; init; }

    /// <summary>keystoneauth's plugin name: password, v3password, v3applicationcredential, token, v3token...</summary>
    public string? AuthType { get; init; }

    public string? Username { get; init; }

    public string? UserId { get; init; }

    public string? UserDomainName { get; init; }

    public string? UserDomainId { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectDomainName { get; init; }

    public string? ProjectDomainId { get; init; }

    public string? ApplicationCredentialId { get; init; }

    public string? ApplicationCredentialName { get; init; }

    public string? RegionName { get; init; }

    /// <summary>The catalog interface: public, internal or admin.</summary>
    public string? Interface { get; init; }

    /// <summary>The compute microversion exactly as written, e.g. "2.72" or "2.latest".</summary>
    public string? ComputeApiVersion { get; init; }

    public string? CaCertificateFile { get; init; }

    public string? ComputeEndpointOverride { get; init; }

    /// <summary>A read-only copy of the password.</summary>
    public SecureString? Password { get => _password; init => _password = ReadOnlySecret.Copy(value); }

    /// <summary>A read-only copy of the application credential secret.</summary>
    public SecureString? ApplicationCredentialSecret { get => _applicationCredentialSecret; init => _applicationCredentialSecret = ReadOnlySecret.Copy(value); }

    /// <summary>A read-only copy of an existing Keystone token.</summary>
    public SecureString? Token { get => _token; init => _token = ReadOnlySecret.Copy(value); }

    /// <summary>True when TLS verification is turned off (OS_INSECURE=true, insecure: true or verify: false).</summary>
    public bool? Insecure { get; init; }

    /// <summary>Where these settings came from, for messages; never contains a secret.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>A password, an application credential secret or a token: something to sign in with.</summary>
    public bool HasCredential => _password is not null || _applicationCredentialSecret is not null || _token is not null;

    /// <summary>
    /// The auth URL before "{region_name}" was replaced, kept so that a region chosen by a higher source
    /// (a -Region parameter, OS_REGION_NAME) is the one substituted after merging, as openstacksdk does.
    /// </summary>
    internal string? AuthUrlTemplate { get; init; }

    /// <summary>
    /// Set by a merge that left a lower source's secret and certificate settings behind (another
    /// Keystone, or another credential): why, for the message when something is then missing.
    /// </summary>
    internal string? Withheld { get; init; }

    /// <summary>
    /// Field by field, <paramref name="higher"/> wins. The credential is the exception: user name or id,
    /// password, application credential id, name and secret, token and auth type come together from one source,
    /// so a user name from one source is never sent with another source's password. A lower source's
    /// secret, insecure and cacert are dropped when the higher source names another Keystone (auth URL),
    /// and its insecure and cacert when the higher source brings its own credential over the lower one's.
    /// </summary>
    public static CloudConfig Merge(CloudConfig higher, CloudConfig lower) => CloudConfigMerge.Merge(higher, lower);

    /// <summary>
    /// These settings with the password (or, for an application credential, its secret) that they
    /// lack, as the user typed it at a prompt; the user name, Keystone and project stay as they are.
    /// </summary>
    public CloudConfig WithAnsweredSecret(SecureString secret, string answeredBy) => new()
    {
        AuthUrl = AuthUrl,
        AuthUrlTemplate = AuthUrlTemplate,
        AuthType = AuthType,
        Username = Username,
        UserId = UserId,
        UserDomainName = UserDomainName,
        UserDomainId = UserDomainId,
        ProjectId = ProjectId,
        ProjectName = ProjectName,
        ProjectDomainName = ProjectDomainName,
        ProjectDomainId = ProjectDomainId,
        ApplicationCredentialId = ApplicationCredentialId,
        ApplicationCredentialName = ApplicationCredentialName,
        RegionName = RegionName,
        Interface = Interface,
        ComputeApiVersion = ComputeApiVersion,
        CaCertificateFile = CaCertificateFile,
        ComputeEndpointOverride = ComputeEndpointOverride,
        Insecure = Insecure,
        Password = IsApplicationCredential ? null : secret,
        ApplicationCredentialSecret = IsApplicationCredential ? secret : null,
        Source = $"{Source}, with the {(IsApplicationCredential ? "secret" : "password")} {answeredBy}",
    };

    private bool IsApplicationCredential => ApplicationCredentialId is not null || ApplicationCredentialName is not null
        || string.Equals(AuthType, "v3applicationcredential", System.StringComparison.OrdinalIgnoreCase);

    public override string ToString()
    {
        var credential = _password is not null ? "a password"
            : _applicationCredentialSecret is not null ? "an application credential"
            : _token is not null ? "a token"
            : "no credential";
        var user = Username ?? UserId ?? ApplicationCredentialName ?? ApplicationCredentialId ?? "(no user)";
        var project = ProjectName ?? ProjectId ?? "(no project)";
        return $"{Source}: {AuthUrl ?? "(no auth URL)"}, user {user}, project {project}, region {RegionName ?? "(none)"}, {credential}";
    }
}
