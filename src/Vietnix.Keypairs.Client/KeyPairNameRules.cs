using System.Collections.Generic;
using System.Linq;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// Nova's key pair name schema (nova/api/validation/parameter_types.py), checked here so a bad
/// name is refused before anything is sent.
/// </summary>
internal static class KeyPairNameRules
{
    public const int MaxLength = 255;

    /// <summary>Returns why Nova would refuse <paramref name="name"/> at <paramref name="version"/>, or null if it is valid.</summary>
    public static string? FindProblem(string? name, ComputeApiVersion version)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A key pair name cannot be empty.";
        }

        if (name!.Length > MaxLength)
        {
            return $"A key pair name can have at most {MaxLength} characters; this one has {name.Length}.";
        }

        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[name.Length - 1]))
        {
            return $"The key pair name '{name}' starts or ends with a space, which Nova refuses. Remove the outer spaces.";
        }

        var allowsAtAndDot = NovaMicroversions.AllowsAtAndDotInNames(version);
        var illegal = name.Where(c => !IsAllowed(c, allowsAtAndDot)).Distinct().ToList();
        if (illegal.Count > 0)
        {
            var hint = !allowsAtAndDot && illegal.All(c => c is '@' or '.')
                ? $" '@' and '.' are allowed from microversion {NovaMicroversions.ImportOnly}; this session uses {version}."
                : string.Empty;
            return $"The key pair name '{name}' contains {Describe(illegal)}, which Nova does not accept at microversion {version}. "
                + $"Use letters, digits, spaces inside the name, '_' and '-'{(allowsAtAndDot ? ", '@' and '.'" : string.Empty)}.{hint}";
        }

        // Valid for Nova, but a URL path cannot carry them: /os-keypairs/. would address the list.
        if (name is "." or "..")
        {
            return $"The key pair name '{name}' could never be shown or deleted, because a URL cannot address it. Choose another name.";
        }

        return null;
    }

    private static bool IsAllowed(char c, bool allowsAtAndDot) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or ' '
        || (allowsAtAndDot && c is '@' or '.');

    private static string Describe(IReadOnlyCollection<char> characters) =>
        (characters.Count == 1 ? "the character " : "the characters ")
        + string.Join(", ", characters.Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'"));
}
