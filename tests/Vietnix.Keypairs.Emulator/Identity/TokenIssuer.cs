using System.Text.Json;
using System.Text.Json.Nodes;
using static Vietnix.Keypairs.Emulator.Identity.PythonValues;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// <c>POST /v3/auth/tokens</c> after the body was read: keystone/api/_shared/authentication.py
/// <c>authenticate_for_token</c> with the checks in Keystone's order. The schema (400); every method named
/// has its member in <c>identity</c> (400) and is one Keystone supports (401); the scope is resolved
/// (<see cref="ScopeResolver"/>); each method authenticates (<c>password</c>, <c>token</c>,
/// <c>application_credential</c>; the other default methods, which need a web server's or a federation's
/// help, fail here with 401); finally the token is minted, which needs a role on the project (401).
/// </summary>
internal sealed class TokenIssuer(IdentityDirectory directory, TokenTable tokens, KeystoneSettings settings)
{
    private readonly ScopeResolver scopes = new(directory);

    public IssuedToken Authenticate(JsonNode? auth)
    {
        AuthRequestSchema.Validate(auth);
        if (auth is not JsonObject request)
        {
            throw KeystoneFault.ValidationError("auth", "request body");
        }

        var identity = request["identity"]!.AsObject();
        var methods = identity["methods"]!.AsArray().Select(method => method!.GetValue<string>()).Distinct().ToList();
        if (methods.FirstOrDefault(method => !identity.ContainsKey(method)) is { } missing)
        {
            throw KeystoneFault.ValidationError(missing, "identity");
        }

        if (methods.Any(method => !AuthContext.SupportedMethods.Contains(method)))
        {
            throw KeystoneFault.AuthMethodNotSupported(AuthContext.SupportedMethods);
        }

        var scope = scopes.Resolve(request, identity);
        var context = new AuthContext();
        foreach (var method in methods)
        {
            switch (method)
            {
                case "password":
                    context.Succeeded(method, CheckPassword(identity[method]));
                    break;
                case "token":
                    context.SucceededWithToken(Validate(Text(identity[method]!["id"])));
                    break;
                case "application_credential":
                    context.Succeeded(method, CheckSecret(identity[method], scope.Credential!));
                    break;
                default:
                    throw KeystoneFault.Unauthorized();
            }
        }

        // "User not found by auth plugin": only possible with an empty method list.
        var user = context.User ?? throw KeystoneFault.Unauthorized();
        var usedCredential = context.Methods.Contains("application_credential");
        if (usedCredential && !identity.ContainsKey("application_credential"))
        {
            // Rescoping a token that came from an application credential: Zed reads the credential id
            // from the request (identity['application_credential']['id']), finds none and fails with a
            // KeyError. Later releases refuse such a request properly (MissingApplicationCredentialId).
            throw KeystoneFault.Crash();
        }

        return tokens.Issue(Mint(user, scope, context, usedCredential ? scope.Credential : null), settings.TokenLifetime);
    }

    /// <summary>
    /// Keystone's validate_token as the token method and token revocation use it. Its failures are
    /// TokenNotFound, a 404 rather than a 401, with the message of the check that failed.
    /// </summary>
    public IssuedToken Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw KeystoneFault.NotFound("No token in the request");
        }

        if (!tokens.TryFind(value, out var token, out var valid))
        {
            throw KeystoneFault.NotFound("Could not recognize Fernet token");
        }

        return valid ? token : throw KeystoneFault.NotFound("Failed to validate token");
    }

    // TokenModel.mint: a project-scoped token needs roles there; an application credential's token has
    // the credential's roles that the user still holds on its project.
    private TokenGrant Mint(EmulatorUser user, AuthScope scope, AuthContext context, ApplicationCredential? credential)
    {
        if (scope.Kind == ScopeKind.WithoutRoles)
        {
            throw KeystoneFault.Unauthorized();
        }

        KeystoneProject? project = null;
        IReadOnlyList<KeystoneRole> roles = [];
        if (scope.Kind == ScopeKind.Project)
        {
            project = scope.Project!;
            var held = directory.RolesOn(user, project);
            roles = credential is null ? held : [.. credential.Roles.Where(held.Contains)];
            if (roles.Count == 0)
            {
                throw KeystoneFault.Unauthorized();
            }
        }

        return new TokenGrant(user, project, roles, context.Methods, context.ExpiresAt, context.ParentAuditId, credential);
    }

    // auth/plugins/core.py UserAuthInfo, then the identity backend's password check.
    private EmulatorUser CheckPassword(JsonNode? payload)
    {
        if (!Has(payload, "user"))
        {
            // BaseUserInfo.create validates before it sets METHOD_NAME, so the target reads "None".
            throw KeystoneFault.ValidationError("user", "None");
        }

        var info = payload!["user"];
        var name = Get(info, "name");
        if (!Truthy(Get(info, "id")) && !Truthy(name))
        {
            throw KeystoneFault.ValidationError("id or name", "user");
        }

        EmulatorUser? user;
        if (Truthy(name))
        {
            if (!Has(info, "domain"))
            {
                throw KeystoneFault.ValidationError("domain", "user");
            }

            user = directory.FindUser(Text(name), UserDomain(info!["domain"]));
        }
        else
        {
            user = directory.FindUser(Text(Get(info, "id")));
        }

        return user is not null && IsText(Get(info, "password"), user.Password) ? user : throw KeystoneFault.Unauthorized();
    }

    // BaseUserInfo._lookup_domain: unlike the scope's lookup it insists on an id or a name first.
    private KeystoneDomain UserDomain(JsonNode? info)
    {
        if (!Truthy(Get(info, "id")) && !Truthy(Get(info, "name")))
        {
            throw KeystoneFault.ValidationError("id or name", "domain");
        }

        return scopes.LookupDomain(info);
    }

    // The credential was found while resolving the scope; the sql backend checks the secret's hash.
    private static EmulatorUser CheckSecret(JsonNode? payload, ApplicationCredential credential) =>
        IsText(Get(payload, "secret"), credential.Secret) ? credential.User : throw KeystoneFault.Unauthorized();

    private static bool IsText(JsonNode? value, string expected) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>() == expected;
}
