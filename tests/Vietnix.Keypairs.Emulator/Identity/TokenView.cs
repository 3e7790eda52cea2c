using System.Globalization;
using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The body of a token response, in the member order of keystone/common/render_token.py:
/// <c>methods</c>, <c>user</c>, <c>audit_ids</c>, <c>expires_at</c>, <c>issued_at</c>; when project-scoped also
/// <c>project</c>, <c>is_domain</c>, <c>roles</c> and (unless <c>?nocatalog</c>) <c>catalog</c>; and for a token from
/// an application credential its <c>id</c>, <c>name</c> and <c>restricted</c>. An unscoped token has no roles
/// and no catalog. (The reference stack's recorded sample has the same members, reordered by its jq.)
/// </summary>
internal static class TokenView
{
    public static JsonObject Render(IssuedToken token, JsonArray? catalog)
    {
        var body = new JsonObject
        {
            ["methods"] = Strings(token.Methods),
            ["user"] = new JsonObject
            {
                ["domain"] = Domain(token.User.Domain),
                ["id"] = token.User.Id,
                ["name"] = token.User.Name,
                ["password_expires_at"] = null,
            },
            ["audit_ids"] = Strings(token.AuditIds),
            ["expires_at"] = IsoTime(token.ExpiresAt),
            ["issued_at"] = IsoTime(token.IssuedAt),
        };
        if (token.Project is { } project)
        {
            body["project"] = new JsonObject { ["domain"] = Domain(project.Domain), ["id"] = project.Id, ["name"] = project.Name };
            body["is_domain"] = false;
            body["roles"] = new JsonArray([.. token.Roles.Select(role => new JsonObject { ["id"] = role.Id, ["name"] = role.Name })]);
            if (catalog is not null)
            {
                body["catalog"] = catalog;
            }
        }

        if (token.Credential is { } credential)
        {
            body["application_credential"] = new JsonObject { ["id"] = credential.Id, ["name"] = credential.Name, ["restricted"] = true };
        }

        return new JsonObject { ["token"] = body };
    }

    /// <summary>keystone.common.utils.isotime(subsecond=True): microseconds always shown, here always zero.</summary>
    public static string IsoTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);

    private static JsonObject Domain(KeystoneDomain domain) => new() { ["id"] = domain.Id, ["name"] = domain.Name };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => JsonValue.Create(value))]);
}
