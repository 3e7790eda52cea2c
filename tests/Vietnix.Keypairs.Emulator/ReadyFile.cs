using System.Text.Json;
using Vietnix.Keypairs.Emulator.Identity;

namespace Vietnix.Keypairs.Emulator;

/// <summary>
/// The file that tells a test the emulator is up: its URLs, process id and the seeded users with their
/// tokens. Written to a temporary name and renamed, so a reader never sees half of it.
/// </summary>
internal static class ReadyFile
{
    public static void Write(string path, string baseUrl, SeededUsers users)
    {
        var document = new ReadyDocument(
            baseUrl,
            baseUrl + "/v2.1",
            Environment.ProcessId,
            [.. users.Tokens.Select(token => new ReadyUser(token.User.Name, token.User.Id, token.ProjectId, token.Value, token.Roles))]);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document, JsonSerializerOptions.Web));
        File.Move(temporary, path, overwrite: true);
    }

    private sealed record ReadyDocument(string Url, string ComputeUrl, int Pid, IReadOnlyList<ReadyUser> Users);

    private sealed record ReadyUser(string Name, string Id, string ProjectId, string Token, IReadOnlyList<string> Roles);
}
