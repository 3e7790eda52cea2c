using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Vietnix.Keypairs.Completion;

/// <summary>Turns candidate values into completion results for what has been typed so far.</summary>
internal static class CompletionResults
{
    public static IEnumerable<CompletionResult> For(string wordToComplete, IEnumerable<(string Value, string ToolTip)> candidates)
    {
        var typed = Unquote(wordToComplete);
        var pattern = WildcardPattern.ContainsWildcardCharacters(typed)
            ? new WildcardPattern(typed, WildcardOptions.IgnoreCase)
            : new WildcardPattern(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);
        // A server's list may hold a name that is empty or missing; PowerShell refuses an empty completion.
        return candidates
            .Where(candidate => !string.IsNullOrEmpty(candidate.Value) && pattern.IsMatch(candidate.Value))
            .GroupBy(candidate => candidate.Value, StringComparer.Ordinal)
            .Select(group => group.First())
            .Select(candidate => new CompletionResult(Quote(candidate.Value), candidate.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(candidate.ToolTip) ? candidate.Value : candidate.ToolTip));
    }

    public static IEnumerable<CompletionResult> For(string wordToComplete, IEnumerable<string> values) =>
        For(wordToComplete, values.Select(value => (value, value)));

    private static string Unquote(string? word)
    {
        var text = word ?? string.Empty;
        return text.Length > 0 && text[0] is '\'' or '"' ? text.Substring(1).TrimEnd(text[0]) : text;
    }

    // A name with a space, a quote, a wildcard or another character PowerShell would read as syntax is quoted.
    private static string Quote(string value) =>
        value.Length > 0 && value.All(character => char.IsLetterOrDigit(character) || character is '-' or '_' or '.' or '@')
            && !value.StartsWith("-", StringComparison.Ordinal) && !value.StartsWith("@", StringComparison.Ordinal)
            ? value
            : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
}
