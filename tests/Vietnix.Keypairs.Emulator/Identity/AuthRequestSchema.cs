using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// keystone/auth/schema.py <c>validate_issue_token_auth</c>: the <c>token_issue</c> JSON schema, checked the
/// way jsonschema's Draft4Validator reports its first error (keywords and properties in schema order,
/// depth first), then the "id or name must be present" checks. Keystone words a schema error as
/// <c>Invalid input for field '&lt;path&gt;': &lt;message&gt;</c> (the bare message at the top level).
/// Keystone appends jsonschema's verbose context to that ("Failed validating … On instance …", a
/// pretty-printed dump of the schema and of the offending value); the emulator stops at the first line.
/// </summary>
internal static class AuthRequestSchema
{
    private static readonly Rule Text = new(["string"]);
    private static readonly Rule IdOrName = new(["object"], [("id", Text), ("name", Text)]);

    private static readonly Rule TokenIssue = new(
        ["object"],
        [
            ("identity", new Rule(
                ["object"],
                [
                    ("methods", new Rule(["array"], Items: Text)),
                    ("password", new Rule(["object"], [("user", new Rule(["object"], [("id", Text), ("name", Text), ("password", Text), ("domain", IdOrName)]))])),
                    ("token", new Rule(["object"], [("id", Text)], Required: ["id"])),
                ],
                Required: ["methods"])),

            // A string is allowed for explicit unscoping ("scope": "unscoped").
            ("scope", new Rule(
                ["object", "string"],
                [
                    ("project", new Rule(["object"], [("name", Text), ("id", Text), ("domain", IdOrName)])),
                    ("domain", IdOrName),
                    ("OS-TRUST:trust", new Rule(["object"], [("id", Text)])),
                    ("system", new Rule(["object"], [("all", new Rule(["boolean"]))])),
                ])),
        ],
        Required: ["identity"]);

    /// <summary>Throws Keystone's 400 for the first problem of <paramref name="auth"/>; None is not checked (Keystone skips it too).</summary>
    public static void Validate(JsonNode? auth)
    {
        if (auth is null)
        {
            return;
        }

        var problem = FirstError(TokenIssue, auth, []) ?? IdOrNameProblem(auth);
        if (problem is not null)
        {
            throw KeystoneFault.BadRequest(problem);
        }
    }

    private static string? FirstError(Rule rule, JsonNode? instance, List<string> path)
    {
        if (!rule.Types.Any(type => IsType(instance, type)))
        {
            var types = string.Join(", ", rule.Types.Select(PythonRepr.Quote));
            return Describe(path, $"{PythonRepr.Repr(instance)} is not of type {types}");
        }

        if (instance is JsonObject map)
        {
            foreach (var (name, property) in rule.Properties ?? [])
            {
                if (map.TryGetPropertyValue(name, out var value) && FirstError(property, value, [.. path, name]) is { } error)
                {
                    return error;
                }
            }

            if (rule.Required?.FirstOrDefault(name => !map.ContainsKey(name)) is { } missing)
            {
                return Describe(path, $"{PythonRepr.Quote(missing)} is a required property");
            }
        }

        if (instance is JsonArray list && rule.Items is { } items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (FirstError(items, list[i], [.. path, i.ToString(CultureInfo.InvariantCulture)]) is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    private static string Describe(List<string> path, string message) =>
        path.Count == 0 ? message : $"Invalid input for field '{string.Join('/', path)}': {message}";

    private static bool IsType(JsonNode? instance, string type) => type switch
    {
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => instance is JsonValue text && text.GetValueKind() == JsonValueKind.String,
        _ => instance is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
    };

    // The checks after the schema: a user, domain or project named by neither id nor name.
    private static string? IdOrNameProblem(JsonNode auth)
    {
        var user = PythonValues.Get(PythonValues.Get(auth["identity"], "password"), "user");
        var scope = PythonValues.Get(auth, "scope");
        var project = PythonValues.Get(scope, "project");
        (JsonNode? Value, string Field)[] named =
        [
            (user, "identity/password/user"),
            (PythonValues.Get(user, "domain"), "identity/password/user/domain"),
            (project, "scope/project"),
            (PythonValues.Get(project, "domain"), "scope/project/domain"),
            (PythonValues.Get(scope, "domain"), "scope/domain"),
        ];
        return named
            .Where(item => item.Value is not null && !PythonValues.Has(item.Value, "id") && !PythonValues.Has(item.Value, "name"))
            .Select(item => $"Invalid input for field {item.Field}: id or name must be present.")
            .FirstOrDefault();
    }

    /// <summary>One schema node: allowed types, then properties (in schema order), items and required names.</summary>
    private sealed record Rule(string[] Types, (string Name, Rule Rule)[]? Properties = null, Rule? Items = null, string[]? Required = null);
}
