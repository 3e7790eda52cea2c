using System.IO;
using System.Security;
using System.Text.Json;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>
/// POST /v3/auth/tokens bodies in the shapes Keystone's api-ref documents
/// (samples auth/requests/project-id-password.json, admin/auth-application-credential-*-request.json,
/// admin/auth-token-scoped-request.json).
/// </summary>
internal static class KeystoneAuthBody
{
    public static byte[] Write(KeystoneCredential credential, ProjectScope? scope)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("auth");
            json.WriteStartObject("identity");
            json.WriteStartArray("methods");
            json.WriteStringValue(credential.Method);
            json.WriteEndArray();
            credential.WriteIdentity(json);
            json.WriteEndObject();

            // Keystone refuses a scope from an application credential: it takes the credential's project.
            if (scope is not null && credential.AcceptsScope)
            {
                json.WriteStartObject("scope");
                json.WriteStartObject("project");
                WriteNamed(json, scope.Id, scope.Name, scope.Domain);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // A name is only unique within its domain, so a name always travels with one.
    internal static void WriteNamed(Utf8JsonWriter json, string? id, string? name, DomainReference? domain)
    {
        if (id is not null)
        {
            json.WriteString("id", id);
            return;
        }

        json.WriteString("name", name);
        json.WriteStartObject("domain");
        if (domain!.Id is not null)
        {
            json.WriteString("id", domain.Id);
        }
        else
        {
            json.WriteString("name", domain.Name);
        }

        json.WriteEndObject();
    }

    internal static void WriteSecret(Utf8JsonWriter json, string name, SecureString secret) =>
        json.WriteString(name, ReadOnlySecret.Reveal(secret));
}
