using Vietnix.Keypairs.Emulator.Identity;

namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// Zed's default rule for every os-keypairs action: <c>(rule:context_is_admin) or user_id:%(user_id)s</c>.
/// A user may act on their own key pairs; only an admin may name another user.
/// </summary>
internal static class KeyPairPolicy
{
    public static bool Allows(IssuedToken caller, string targetUserId) =>
        caller.IsAdmin || caller.User.Id == targetUserId;
}
