namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The two users of the reference stack: <c>admin</c> (role admin, with the implied member and reader)
/// and <c>demo</c> (member, implied reader). Ids are new on every start, as on a fresh Keystone.
/// </summary>
internal sealed class SeededUsers
{
    // Keystone's [token] expiration in the reference stack: one day, longer than any test run.
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(1);

    public SeededUsers(TokenTable tokens)
    {
        Tokens = new[]
        {
            EmulatorUser.Create("admin", "admin", "member", "reader"),
            EmulatorUser.Create("demo", "member", "reader"),
        }.Select(user => tokens.Issue(user, user.ProjectId, user.Roles, TokenLifetime)).ToList();
    }

    /// <summary>One start-up token per user, in the order admin, demo.</summary>
    public IReadOnlyList<IssuedToken> Tokens { get; }
}
