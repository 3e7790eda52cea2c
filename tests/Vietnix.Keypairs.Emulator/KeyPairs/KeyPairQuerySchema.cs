using System.Text.RegularExpressions;
using Vietnix.Keypairs.Emulator.Nova;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// Nova's query schemas for list, show and delete (compute/schemas/keypairs.py). Below 2.10 nothing is
/// read; from 2.10 <c>user_id</c>; list adds <c>limit</c> (non-negative integer string) and <c>marker</c>
/// from 2.35; from 2.75 any other parameter is an error. Before 2.75 unknown parameters are dropped.
/// </summary>
internal static partial class KeyPairQuerySchema
{
    /// <summary>The parameters the schema knows for this action and version, in schema order.</summary>
    public static string[] KnownParameters(KeyPairAction action, ApiVersion version) =>
        version < ApiVersion.V2_10 ? []
        : action == KeyPairAction.Index && version >= ApiVersion.V2_35 ? ["user_id", "limit", "marker"]
        : ["user_id"];

    /// <summary>Nova's error message for this query, or null when it passes.</summary>
    public static string? FirstError(KeyPairAction action, ApiVersion version, NovaQuery query)
    {
        var known = KnownParameters(action, version);
        if (known.Contains("limit") && query.Values("limit").Select(LimitError).FirstOrDefault(error => error is not null) is { } limitError)
        {
            return limitError;
        }

        if (version < ApiVersion.V2_75)
        {
            return null;
        }

        // An additionalProperties error belongs to the whole query, so Nova shows jsonschema's bare message.
        return ValidationMessages.AdditionalProperties([.. query.Names().Where(name => !known.Contains(name))]);
    }

    // parameter_types.non_negative_integer: type, pattern ^[0-9]*$, minimum 0, minLength 1, in that order.
    private static string? LimitError(string value)
    {
        if (!Digits().IsMatch(value))
        {
            return Invalid(value, $"{PythonRepr.Quote(value)} does not match '^[0-9]*$'");
        }

        return value.Length == 0 ? Invalid(value, "'' is too short") : null;
    }

    private static string Invalid(string value, string message) => ValidationMessages.QueryParameter("limit", value, message);

    // .NET's '$' matches before a final newline exactly as Python's does, so "5\n" passes here as in Nova.
    [GeneratedRegex("^[0-9]*$")]
    private static partial Regex Digits();
}
