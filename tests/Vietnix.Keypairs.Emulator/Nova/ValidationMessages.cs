using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// How nova.api.validation words a jsonschema failure: an error below the top level is framed with the
/// failing member and its value (<c>str()</c> of it); an error of the whole body or query is jsonschema's
/// bare message.
/// </summary>
internal static class ValidationMessages
{
    public static string BodyField(string field, string value, string message) =>
        $"Invalid input for field/attribute {field}. Value: {value}. {message}";

    public static string QueryParameter(string parameter, string value, string message) =>
        $"Invalid input for query parameters {parameter}. Value: {value}. {message}";

    /// <summary>
    /// jsonschema's additionalProperties message, or null without extras. jsonschema lists the names
    /// from a set (an arbitrary order in Python); here they come in request order.
    /// </summary>
    public static string? AdditionalProperties(IReadOnlyList<string> extras) =>
        extras.Count == 0
            ? null
            : $"Additional properties are not allowed ({string.Join(", ", extras.Select(PythonRepr.Quote))} {(extras.Count == 1 ? "was" : "were")} unexpected)";
}
