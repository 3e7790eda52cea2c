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
            WriteCredential(json, credential);
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

    private static void WriteCredential(Utf8JsonWriter json, KeystoneCredential credential)
    {
        switch (credential)
        {
            case PasswordCredential password:
                json.WriteStartObject("password");
                json.WriteStartObject("user");
                WriteUser(json, password.User);
                WriteSecret(json, "password", password.Password);
                json.WriteEndObject();
                json.WriteEndObject();
                break;
            case ApplicationCredential application:
                json.WriteStartObject("application_credential");
                if (application.Id is not null)
                {
                    json.WriteString("id", application.Id);
                }
                else
                {
                    json.WriteString("name", application.Name);
                    json.WriteStartObject("user");
                    WriteUser(json, application.User!);
                    json.WriteEndObject();
                }

                WriteSecret(json, "secret", application.Secret);
                json.WriteEndObject();
                break;
            case TokenCredential token:
                json.WriteStartObject("token");
                WriteSecret(json, "id", token.Token);
                json.WriteEndObject();
                break;
        }
    }

    private static void WriteUser(Utf8JsonWriter json, UserReference user) => WriteNamed(json, user.Id, user.Name, user.Domain);

    // A name is only unique within its domain, so a name always travels with one.
    private static void WriteNamed(Utf8JsonWriter json, string? id, string? name, DomainReference? domain)
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

    private static void WriteSecret(Utf8JsonWriter json, string name, SecureString secret) =>
        json.WriteString(name, ReadOnlySecret.Reveal(secret));
}
