using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Errors;

/// <summary>
/// Makes a server's words safe to put into an error: the secrets the request carried (token,
/// password, application credential secret) and any PEM private key are replaced, and control
/// characters are escaped. A server that echoes its request (a Keystone 400, a Nova 401 quoting
/// X-Auth-Token) would otherwise put them into $Error, logs and transcripts.
/// </summary>
internal static class ServerText
{
    public const string Placeholder = "<redacted>";

    private static readonly string[] TokenHeaders = ["X-Auth-Token", "X-Subject-Token"];

    private static readonly Regex PrivateKeyBlock = new(
        @"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly JavaScriptEncoder[] Encoders = [JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping];

    /// <summary>The secrets <paramref name="request"/> carried, in every form a server might echo them.</summary>
    public static IReadOnlyList<string> SecretsOf(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return [];
        }

        var secrets = TokenHeaders
            .SelectMany(header => request.Headers.TryGetValues(header, out var values) ? values : [])
            .Concat(SecretRedactor.SecretValues(RequestBodies.SentBody(request)))
            .Where(secret => secret.Length > 0)
            .ToList();

        // Echoed inside a JSON string, a secret with a quote or a backslash is written escaped.
        return secrets
            .Concat(secrets.SelectMany(secret => Encoders.Select(encoder => JsonEncodedText.Encode(secret, encoder).ToString())))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(secret => secret.Length)
            .ToList();
    }

    /// <summary><paramref name="text"/> without <paramref name="secrets"/>, private keys or raw control characters.</summary>
    public static string? Clean(string? text, IReadOnlyList<string> secrets)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = PrivateKeyBlock.Replace(text, Placeholder);
        foreach (var secret in secrets)
        {
            cleaned = cleaned.Replace(secret, Placeholder);
        }

        return ControlCharacters.Escape(cleaned);
    }
}
