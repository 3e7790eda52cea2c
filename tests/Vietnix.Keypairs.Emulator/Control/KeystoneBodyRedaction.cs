using System.Text;
using System.Text.Json;

namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// Keystone request bodies for the request log, whose entries end up in test output: the values of
/// members named <c>password</c> or <c>secret</c> and the <c>id</c> of a <c>token</c> object become
/// <c>"&lt;redacted&gt;"</c>, everything else stays byte for byte. A body that is not JSON may hide a secret
/// anywhere, so it is redacted as a whole.
/// </summary>
internal static class KeystoneBodyRedaction
{
    private const string Redacted = "\"<redacted>\"";

    public static string Redact(byte[] body)
    {
        var text = body.AsSpan();
        var start = text.StartsWith("\uFEFF"u8) ? 3 : 0;
        var secrets = new List<Range>();
        try
        {
            var reader = new Utf8JsonReader(text[start..]);
            // Per open container: the member name it is the value of.
            var containers = new Stack<string?>();
            string? member = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        member = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        containers.Push(member);
                        member = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        member = null;
                        break;
                    default:
                        if (IsSecret(member, containers))
                        {
                            secrets.Add(new Range(start + (int)reader.TokenStartIndex, start + (int)reader.BytesConsumed));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            return text[start..].IsEmpty ? Encoding.UTF8.GetString(text) : "<redacted>";
        }

        var output = new StringBuilder();
        var done = 0;
        foreach (var secret in secrets)
        {
            output.Append(Encoding.UTF8.GetString(text[done..secret.Start.Value])).Append(Redacted);
            done = secret.End.Value;
        }

        return output.Append(Encoding.UTF8.GetString(text[done..])).ToString();
    }

    // A value (or an array element) of "password" or "secret", or the "id" of a "token" object. The
    // password method's own object, identity.password, is a container and is walked, not hidden.
    private static bool IsSecret(string? member, Stack<string?> containers)
    {
        var name = member ?? (containers.Count > 0 ? containers.Peek() : null);
        return name is "password" or "secret" || (member == "id" && containers.Count > 0 && containers.Peek() == "token");
    }
}
