using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The tokens this emulator accepts, playing keystonemiddleware's validation against Keystone. Start-up
/// issues one token per seeded user; an emulated <c>/v3/auth/tokens</c> can issue more through
/// <see cref="Issue"/>. An expired token is rejected like an unknown one.
/// </summary>
internal sealed class TokenTable(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    public IssuedToken Issue(EmulatorUser user, string projectId, IReadOnlyList<string> roles, TimeSpan lifetime)
    {
        var token = new IssuedToken(KeystoneIds.NewToken(), user, projectId, roles, clock.GetUtcNow() + lifetime);
        tokens[token.Value] = token;
        return token;
    }

    public bool TryValidate(string? value, [NotNullWhen(true)] out IssuedToken? token)
    {
        token = null;
        if (value is null || !tokens.TryGetValue(value, out var found) || found.ExpiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        token = found;
        return true;
    }
}
