using System;
using System.Collections.Generic;
using System.Linq;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// Reads one cloud's settings (a clouds.yaml entry, or the OS_* variables as keys) the way openstacksdk's
/// loader fixes them up: aliases, values outside 'auth' over those inside, shared domains, region, booleans.
/// </summary>
internal sealed class CloudSettings
{
    // PyYAML's YAML 1.1 booleans; YamlDotNet hands scalars back as text.
    private static readonly string[] YamlTrue = ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly string[] YamlFalse = ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    private static readonly IReadOnlyDictionary<string, object?> NoAuth = new Dictionary<string, object?>();

    private readonly IReadOnlyDictionary<string, object?> _cloud;
    private readonly IReadOnlyDictionary<string, object?> _auth;
    private readonly string _source;

    private CloudSettings(IReadOnlyDictionary<string, object?> cloud, string source)
    {
        _cloud = cloud;
        _auth = cloud.TryGetValue("auth", out var auth) && auth is IReadOnlyDictionary<string, object?> mapping ? mapping : NoAuth;
        _source = source;
    }

    /// <param name="cloud">The settings with keys already normalized ('-' as '_').</param>
    public static CloudConfig ToCloudConfig(IReadOnlyDictionary<string, object?> cloud, string source, SettingSyntax syntax)
    {
        var region = RegionChoice.First(cloud, source);
        return new CloudSettings(region.Cloud, source).Build(region.Name, syntax);
    }

    private CloudConfig Build(string? regionName, SettingSyntax syntax)
    {
        var (domainId, domainName) = Either(Setting("domain_id"), Setting("domain_name"), Setting("default_domain_id"), Setting("default_domain_name"));
        var (userDomainId, userDomainName) = Either(Setting("user_domain_id"), Setting("user_domain_name"), domainId, domainName);
        var (projectDomainId, projectDomainName) = Either(Setting("project_domain_id"), Setting("project_domain_name"), domainId, domainName);
        var authUrl = Setting("auth_url");

        return new CloudConfig
        {
            AuthUrl = authUrl is null ? null : RegionPlaceholder.Expand(authUrl, regionName),
            AuthUrlTemplate = authUrl is not null && RegionPlaceholder.IsIn(authUrl) ? authUrl : null,
            AuthType = Outside("auth_type") ?? Outside("auth_plugin"),
            Username = Setting("username"),
            UserId = Setting("user_id"),
            UserDomainId = userDomainId,
            UserDomainName = userDomainName,
            ProjectId = Setting("tenant_id", "project_id"),
            ProjectName = Setting("tenant_name", "project_name"),
            ProjectDomainId = projectDomainId,
            ProjectDomainName = projectDomainName,
            ApplicationCredentialId = Setting("application_credential_id"),
            ApplicationCredentialName = Setting("application_credential_name"),
            Password = ReadOnlySecret.From(Setting("password")),
            ApplicationCredentialSecret = ReadOnlySecret.From(Setting("application_credential_secret")),
            Token = ReadOnlySecret.From(Setting("auth_token", "token")),
            RegionName = regionName,
            Interface = Outside("interface") ?? Outside("endpoint_type"),
            ComputeApiVersion = Outside("compute_api_version"),
            CaCertificateFile = Outside("cacert"),
            ComputeEndpointOverride = Outside("compute_endpoint_override"),
            Insecure = Insecure(syntax),
            Source = _source,
        };
    }

    // 'domain_*' (and keystoneauth's 'default_domain_*') stand for a user or project domain that is not given at all.
    private static (string? Id, string? Name) Either(string? id, string? name, string? fallbackId, string? fallbackName) =>
        id is null && name is null ? (fallbackId, fallbackName) : (id, name);

    /// <summary>
    /// An auth setting under any of its spellings. As in openstacksdk's _fix_backwards_auth, later spellings
    /// win, and for each the value outside 'auth' beats the one inside: that is where overrides are put.
    /// </summary>
    private string? Setting(params string[] spellings)
    {
        string? found = null;
        foreach (var key in spellings)
        {
            found = Text(_cloud, key) ?? Text(_auth, key) ?? found;
        }

        return found;
    }

    private string? Outside(string key) => Text(_cloud, key);

    // openstacksdk: 'insecure' is the most aggressive setting and wins over 'verify'.
    private bool? Insecure(SettingSyntax syntax)
    {
        var insecure = Outside("insecure");
        var verify = Outside("verify");
        var verificationOff = (insecure is not null && IsTrue(insecure, syntax))
            || (verify is not null && syntax == SettingSyntax.Yaml && YamlFalse.Contains(verify));
        return verificationOff ? true : insecure is null && verify is null ? null : false;
    }

    private static bool IsTrue(string text, SettingSyntax syntax) =>
        string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || (syntax == SettingSyntax.Yaml && YamlTrue.Contains(text));

    private string? Text(IReadOnlyDictionary<string, object?> mapping, string key) =>
        !mapping.TryGetValue(key, out var value) ? null : value switch
        {
            null => null,
            string text => text.Length == 0 ? null : text,
            _ => throw new CloudConfigException($"'{key}' in {_source} must be a single value, not a list or a mapping."),
        };
}
