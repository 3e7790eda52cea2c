using System.Text.Json;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Nova;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// Nova's create body schemas (compute/schemas/keypairs.py: create, create_v22, create_v210,
/// create_v292) checked the way jsonschema's Draft4 validator reports them: keywords in schema order
/// (type, properties, required, additionalProperties), properties in schema order, first error wins,
/// and the message framed by nova.api.validation (<c>"Invalid input for field/attribute …"</c>).
/// </summary>
internal static class CreateKeyPairSchema
{
    private const int MaxNameLength = 255;

    /// <summary>Nova's error message for this body, or null when the body is valid.</summary>
    public static string? FirstError(JsonNode? body, ApiVersion version)
    {
        if (body is not JsonObject root)
        {
            return NotOfType(body, "object");
        }

        if (!root.TryGetPropertyValue("keypair", out var keypair))
        {
            return "'keypair' is a required property";
        }

        return KeyPairError(keypair, version) ?? AdditionalProperties(root, ["keypair"]);
    }

    private static string? KeyPairError(JsonNode? keypair, ApiVersion version)
    {
        if (keypair is not JsonObject fields)
        {
            return Invalid("keypair", keypair, NotOfType(keypair, "object"));
        }

        var allowed = AllowedFields(version);
        foreach (var field in allowed)
        {
            if (fields.TryGetPropertyValue(field, out var value) && FieldError(field, value, version) is { } error)
            {
                return error;
            }
        }

        string[] required = version >= ApiVersion.V2_92 ? ["name", "public_key"] : ["name"];
        var missing = required.FirstOrDefault(field => !fields.ContainsKey(field));
        if (missing is not null)
        {
            return Invalid("keypair", fields, $"{PythonRepr.Quote(missing)} is a required property");
        }

        return AdditionalProperties(fields, allowed) is { } extra ? Invalid("keypair", fields, extra) : null;
    }

    // Property order of the schemas: name, type (2.2+), public_key, user_id (2.10+).
    private static string[] AllowedFields(ApiVersion version) =>
        version >= ApiVersion.V2_10 ? ["name", "type", "public_key", "user_id"]
        : version >= ApiVersion.V2_2 ? ["name", "type", "public_key"]
        : ["name", "public_key"];

    private static string? FieldError(string field, JsonNode? value, ApiVersion version)
    {
        if (!IsString(value))
        {
            return Invalid(field, value, NotOfType(value, "string"));
        }

        var text = value!.GetValue<string>();
        return field switch
        {
            "name" => NameError(text, version),
            "type" when text is not ("ssh" or "x509") =>
                Invalid(field, value, $"{PythonRepr.Quote(text)} is not one of ['ssh', 'x509']"),
            _ => null,
        };
    }

    // allOf[name, keypair_name]: type, minLength, maxLength and format of the first schema, then the
    // second's format. Format failures carry Nova's InvalidName message on its own.
    private static string? NameError(string name, ApiVersion version)
    {
        var length = CodePoints(name);
        if (length < 1)
        {
            return Invalid("name", name, $"{PythonRepr.Quote(name)} is too short");
        }

        if (length > MaxNameLength)
        {
            return Invalid("name", name, $"{PythonRepr.Quote(name)} is too long");
        }

        if (!KeyPairNameFormat.IsPrintableName(name))
        {
            return InvalidName(KeyPairNameFormat.PrintableReason);
        }

        return KeyPairNameFormat.HasOnlySafeCharacters(name, version)
            ? null
            : InvalidName($"Only expected characters: [{KeyPairNameFormat.SafeCharacters(version)}]");
    }

    private static string InvalidName(string reason) => $"An invalid 'name' value was provided. The name must be: {reason}";

    private static string Invalid(string field, JsonNode? value, string message) =>
        ValidationMessages.BodyField(field, PythonRepr.Str(value), message);

    private static string Invalid(string field, string value, string message) =>
        ValidationMessages.BodyField(field, value, message);

    private static string NotOfType(JsonNode? value, string type) => $"{PythonRepr.Repr(value)} is not of type '{type}'";

    private static string? AdditionalProperties(JsonObject fields, IReadOnlyCollection<string> allowed) =>
        ValidationMessages.AdditionalProperties([.. fields.Select(pair => pair.Key).Where(key => !allowed.Contains(key))]);

    private static bool IsString(JsonNode? value) => value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String;

    // Python's len() counts code points; a lone surrogate counts as one.
    private static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++, count++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        return count;
    }
}
