namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The tokens handed out in the ready file, one per user for its own project, as if each had signed in
/// with its password. They last a day (the reference stack's <c>[token] expiration</c>), longer than any
/// test run, whatever token lifetime the emulator is set to.
/// </summary>
internal sealed class StartupTokens
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public StartupTokens(IdentityDirectory directory, TokenTable tokens)
    {
        Tokens =
        [
            Issue(directory, tokens, directory.Admin, directory.AdminProject),
            Issue(directory, tokens, directory.Demo, directory.DemoProject),
        ];
    }

    /// <summary>In the order admin, demo.</summary>
    public IReadOnlyList<IssuedToken> Tokens { get; }

    private static IssuedToken Issue(IdentityDirectory directory, TokenTable tokens, EmulatorUser user, KeystoneProject project) =>
        tokens.Issue(new TokenGrant(user, project, directory.RolesOn(user, project), ["password"], null, null, null), Lifetime);
}
