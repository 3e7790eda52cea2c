using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vietnix.Keypairs.Client.Errors;

/// <summary>
/// Reads the two error shapes an OpenStack compute endpoint produces: Nova's
/// {"badRequest":{"code":400,"message":…}} and keystonemiddleware's
/// {"error":{"code":401,"title":…,"message":…}}. Anything else (an HTML page from a proxy)
/// is reduced to a short plain-text excerpt.
/// </summary>
internal static class ErrorBodyParser
{
    private const int MaxExcerptLength = 300;

    public static (string? FaultName, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body!);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var fault in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
                {
                    if (fault.Value.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                    {
                        return (fault.Name, message.GetString());
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the text excerpt.
        }

        return (null, Excerpt(body!));
    }

    private static string Excerpt(string body)
    {
        var text = Regex.Replace(body, "<[^>]*>", " ");
        text = Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length <= MaxExcerptLength ? text : text.Substring(0, MaxExcerptLength) + "…";
    }
}
