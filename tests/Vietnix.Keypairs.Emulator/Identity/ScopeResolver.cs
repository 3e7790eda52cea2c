using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;
using static Vietnix.Keypairs.Emulator.Identity.PythonValues;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// keystone/auth/core.py <c>AuthInfo._validate_and_normalize_scope_data</c> and its lookups. It runs before
/// any credential is checked, so an unknown project is a 401 even with a wrong password, and a project
/// name without a domain a 400. Unknown domains and projects are 401s (Keystone turns their NotFound into
/// Unauthorized); an unknown application credential or, when it is named by user name, an unknown user
/// is a 404 (Keystone does not catch those).
/// </summary>
internal sealed class ScopeResolver(IdentityDirectory directory)
{
    private static readonly string[] ScopeKinds = ["project", "domain", "unscoped", "system", "OS-TRUST:trust"];

    public AuthScope Resolve(JsonObject auth, JsonObject identity)
    {
        var methods = identity["methods"]!.AsArray().Select(method => method!.GetValue<string>());
        if (methods.Contains("application_credential"))
        {
            // An application credential is bound to its project and cannot choose another.
            if (auth.ContainsKey("scope"))
            {
                throw KeystoneFault.ApplicationCredentialAuthError("Application credentials cannot request a scope.");
            }

            var credential = LookupCredential(identity["application_credential"]);
            return new AuthScope(ScopeKind.Project, credential.Project, credential);
        }

        if (!auth.TryGetPropertyValue("scope", out var scope))
        {
            return AuthScope.Default;
        }

        // Keystone tests membership with Python's "in", which on the string form of scope looks for substrings.
        bool Names(string kind) => scope is JsonObject map ? map.ContainsKey(kind) : scope!.GetValue<string>().Contains(kind, StringComparison.Ordinal);

        if (ScopeKinds.Count(Names) != 1)
        {
            throw KeystoneFault.ValidationError("system, project, domain, OS-TRUST:trust or unscoped", "scope");
        }

        if (Names("system"))
        {
            return AuthScope.WithoutRoles;
        }

        if (Names("unscoped"))
        {
            return AuthScope.Unscoped;
        }

        if (scope is not JsonObject named)
        {
            // A string such as "project" gets subscripted like a dict: Flask renders the TypeError as a 400.
            throw KeystoneFault.BadRequest("string indices must be integers, not 'str'");
        }

        if (named.TryGetPropertyValue("project", out var project))
        {
            return new AuthScope(ScopeKind.Project, LookupProject(project));
        }

        if (named.TryGetPropertyValue("domain", out var domain))
        {
            LookupDomain(domain);
            return AuthScope.WithoutRoles;
        }

        // OS-TRUST:trust. There are no trusts, and Keystone answers a TrustNotFound with 401.
        if (!Truthy(Get(named["OS-TRUST:trust"], "id")))
        {
            throw KeystoneFault.ValidationError("trust_id", "trust");
        }

        throw KeystoneFault.Unauthorized();
    }

    /// <summary>AuthInfo._lookup_domain: a non-empty name wins over the id; unknown is 401.</summary>
    public KeystoneDomain LookupDomain(JsonNode? info) =>
        directory.FindDomain(Text(Get(info, "id")), Text(Get(info, "name"))) ?? throw KeystoneFault.Unauthorized();

    private KeystoneProject LookupProject(JsonNode? info)
    {
        var name = Get(info, "name");
        if (!Truthy(name))
        {
            return directory.FindProject(Text(Get(info, "id"))) ?? throw KeystoneFault.Unauthorized();
        }

        if (!Has(info, "domain"))
        {
            throw KeystoneFault.ValidationError("domain", "project");
        }

        return directory.FindProject(Text(name), LookupDomain(info!["domain"])) ?? throw KeystoneFault.Unauthorized();
    }

    // AuthInfo._lookup_app_cred: by id, or by name plus the owner (by id, or by name and domain).
    private ApplicationCredential LookupCredential(JsonNode? info)
    {
        var id = Get(info, "id");
        if (Truthy(id))
        {
            return directory.FindCredential(Text(id)) ?? throw KeystoneFault.NotFound($"Could not find Application Credential: {Text(id)}.");
        }

        var name = Get(info, "name");
        if (!Truthy(name))
        {
            throw KeystoneFault.ValidationError("name or ID", "application credential");
        }

        var user = Get(info, "user");
        if (!Truthy(user))
        {
            throw KeystoneFault.ValidationError("user", "application credential");
        }

        EmulatorUser? owner;
        if (Truthy(Get(user, "id")))
        {
            // An unknown owner id just finds no credential.
            owner = directory.FindUser(Text(Get(user, "id")));
        }
        else
        {
            if (!Has(user, "domain"))
            {
                throw KeystoneFault.ValidationError("domain", "user");
            }

            var domain = LookupDomain(user!["domain"]);
            if (!Has(user, "name"))
            {
                // user['name'] raises a KeyError that Keystone does not handle.
                throw KeystoneFault.Crash();
            }

            var userName = user["name"];
            owner = directory.FindUser(Text(userName), domain) ?? throw KeystoneFault.NotFound($"Could not find user: {PythonRepr.Str(userName)}.");
        }

        // "Could not find application credential: <name>", shown only as the generic 401.
        return (owner is null ? null : directory.FindCredential(owner, Text(name))) ?? throw KeystoneFault.Unauthorized();
    }
}
