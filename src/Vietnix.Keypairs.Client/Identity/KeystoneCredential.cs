using System;
using System.Security;
using System.Text.Json;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>A Keystone domain, by id or by name.</summary>
internal sealed class DomainReference
{
    private DomainReference(string? id, string? name)
    {
        Id = id;
        Name = name;
    }

    public string? Id { get; }

    public string? Name { get; }

    /// <summary>Keystone's default domain, which openstacksdk and Horizon assume when none is named.</summary>
    public static DomainReference Default { get; } = new(null, "Default");

    public static DomainReference WithId(string id) => new(Required(id, nameof(id)), null);

    public static DomainReference WithName(string name) => new(null, Required(name, nameof(name)));

    public override string ToString() => Name ?? Id!;

    internal static string Required(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"The {what} is empty.", what) : value;
}

/// <summary>A Keystone user, by id, or by name within a domain (a name alone is ambiguous across domains).</summary>
internal sealed class UserReference
{
    private UserReference(string? id, string? name, DomainReference? domain)
    {
        Id = id;
        Name = name;
        Domain = domain;
    }

    public string? Id { get; }

    public string? Name { get; }

    public DomainReference? Domain { get; }

    public static UserReference WithId(string id) => new(DomainReference.Required(id, nameof(id)), null, null);

    public static UserReference WithName(string name, DomainReference domain) => new(null, DomainReference.Required(name, nameof(name)), domain);

    public override string ToString() => Name is null ? $"user id {Id}" : $"user '{Name}' in domain '{Domain}'";
}

/// <summary>The project a token is scoped to: Nova needs a project-scoped token.</summary>
internal sealed class ProjectScope
{
    private ProjectScope(string? id, string? name, DomainReference? domain)
    {
        Id = id;
        Name = name;
        Domain = domain;
    }

    public string? Id { get; }

    public string? Name { get; }

    public DomainReference? Domain { get; }

    public static ProjectScope WithId(string id) => new(DomainReference.Required(id, nameof(id)), null, null);

    public static ProjectScope WithName(string name, DomainReference domain) => new(null, DomainReference.Required(name, nameof(name)), domain);

    public override string ToString() => Name is null ? $"project id {Id}" : $"project '{Name}' in domain '{Domain}'";
}

/// <summary>
/// How to authenticate to Keystone, one class per Keystone auth method (keystoneauth's plugins): each
/// writes its own part of the sign-in body and says how it is described and renewed, so a new method
/// is one new class (and its line in <see cref="SignInDescription"/>'s reader). Secrets stay in
/// SecureStrings until a request body is written.
/// </summary>
internal abstract class KeystoneCredential
{
    private protected KeystoneCredential()
    {
    }

    /// <summary>Keystone's method name: password, application_credential or token.</summary>
    public abstract string Method { get; }

    /// <summary>Whether a new token can be had when the current one expires.</summary>
    public abstract bool CanRenew { get; }

    /// <summary>Whether a project scope may be sent: application credentials carry their own.</summary>
    public virtual bool AcceptsScope => true;

    /// <summary>How a session signed in this way names its authentication method.</summary>
    public abstract string AuthenticationMethod { get; }

    /// <summary>What to check when Keystone refuses this credential, as a sentence.</summary>
    internal abstract string RefusalAdvice { get; }

    /// <summary>Who signs in, for messages and Get-VietnixContext; never a secret.</summary>
    public abstract string Describe();

    /// <summary>Writes this method's member of auth.identity, e.g. "password": { "user": … }.</summary>
    internal abstract void WriteIdentity(Utf8JsonWriter json);
}

internal sealed class PasswordCredential(UserReference user, SecureString password) : KeystoneCredential
{
    public UserReference User { get; } = user;

    internal SecureString Password { get; } = ReadOnlySecret.Require(password, nameof(password));

    public override string Method => "password";

    public override bool CanRenew => true;

    public override string AuthenticationMethod => "Password";

    internal override string RefusalAdvice => "Check the user name, its domain and the password.";

    public override string Describe() => $"the password of {User}";

    internal override void WriteIdentity(Utf8JsonWriter json)
    {
        json.WriteStartObject("password");
        json.WriteStartObject("user");
        KeystoneAuthBody.WriteNamed(json, User.Id, User.Name, User.Domain);
        KeystoneAuthBody.WriteSecret(json, "password", Password);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

internal sealed class ApplicationCredential : KeystoneCredential
{
    private ApplicationCredential(string? id, string? name, UserReference? user, SecureString secret)
    {
        Id = id;
        Name = name;
        User = user;
        Secret = ReadOnlySecret.Require(secret, nameof(secret));
    }

    public string? Id { get; }

    public string? Name { get; }

    /// <summary>Only for a credential named rather than identified: names are unique per user.</summary>
    public UserReference? User { get; }

    internal SecureString Secret { get; }

    public override string Method => "application_credential";

    public override bool CanRenew => true;

    public override bool AcceptsScope => false;

    public override string AuthenticationMethod => "ApplicationCredential";

    internal override string RefusalAdvice => "Check the application credential's id (or name and user) and its secret; it may have expired or been deleted.";

    public static ApplicationCredential WithId(string id, SecureString secret) => new(DomainReference.Required(id, nameof(id)), null, null, secret);

    public static ApplicationCredential WithName(string name, UserReference user, SecureString secret) => new(null, DomainReference.Required(name, nameof(name)), user, secret);

    public override string Describe() => Id is null ? $"application credential '{Name}' of {User}" : $"application credential {Id}";

    internal override void WriteIdentity(Utf8JsonWriter json)
    {
        json.WriteStartObject("application_credential");
        if (Id is not null)
        {
            json.WriteString("id", Id);
        }
        else
        {
            json.WriteString("name", Name);
            json.WriteStartObject("user");
            KeystoneAuthBody.WriteNamed(json, User!.Id, User.Name, User.Domain);
            json.WriteEndObject();
        }

        KeystoneAuthBody.WriteSecret(json, "secret", Secret);
        json.WriteEndObject();
    }
}

/// <summary>An existing token, exchanged for a project-scoped one. It expires with the token it came from.</summary>
internal sealed class TokenCredential(SecureString token) : KeystoneCredential
{
    internal SecureString Token { get; } = ReadOnlySecret.Require(token, nameof(token));

    public override string Method => "token";

    public override bool CanRenew => false;

    public override string AuthenticationMethod => "Token (exchanged with Keystone)";

    internal override string RefusalAdvice => "The token may have expired or been revoked; get a new one.";

    public override string Describe() => "an existing token";

    internal override void WriteIdentity(Utf8JsonWriter json)
    {
        json.WriteStartObject("token");
        KeystoneAuthBody.WriteSecret(json, "id", Token);
        json.WriteEndObject();
    }
}
