using System.Text.Json;
using Vietnix.Keypairs.Emulator.Identity;

namespace Vietnix.Keypairs.Emulator;

/// <summary>
/// The file that tells a test the emulator is up: its URLs, process id, the regions of its catalog, the
/// seeded users with their passwords and start-up tokens, and demo's application credential. Written to
/// a temporary name and renamed, so a reader never sees half of it.
/// </summary>
internal static class ReadyFile
{
    public static void Write(string path, string baseUrl, IdentityDirectory directory, StartupTokens startup)
    {
        var credential = directory.DemoCredential;
        var document = new ReadyDocument(
            baseUrl,
            baseUrl + "/v2.1",
            baseUrl + "/v3",
            Environment.ProcessId,
            ServiceCatalog.Regions,
            [.. startup.Tokens.Select(token => new ReadyUser(
                token.User.Name,
                token.User.Id,
                token.ProjectId!,
                token.Project!.Name,
                token.Value,
                [.. token.Roles.Select(role => role.Name)],
                token.User.Password,
                token.User.Domain.Name))],
            new ReadyCredential(credential.Id, credential.Name, credential.Secret, credential.User.Id, credential.Project.Id));
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document, JsonSerializerOptions.Web));
        File.Move(temporary, path, overwrite: true);
    }

    private sealed record ReadyDocument(
        string Url,
        string ComputeUrl,
        string AuthUrl,
        int Pid,
        IReadOnlyList<string> Regions,
        IReadOnlyList<ReadyUser> Users,
        ReadyCredential ApplicationCredential);

    private sealed record ReadyUser(
        string Name,
        string Id,
        string ProjectId,
        string ProjectName,
        string Token,
        IReadOnlyList<string> Roles,
        string Password,
        string Domain);

    private sealed record ReadyCredential(string Id, string Name, string Secret, string UserId, string ProjectId);
}
