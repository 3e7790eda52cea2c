using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// Supplies the X-Auth-Token for compute requests. A fixed token is one implementation; a Keystone
/// sign-in that renews itself is another, so the client never knows where tokens come from.
/// </summary>
internal interface ITokenProvider
{
    /// <summary>A token to send now.</summary>
    Task<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once after the server rejected <paramref name="rejectedToken"/> with 401.
    /// Returns true when a new token was obtained and the request may be sent once more.
    /// </summary>
    Task<bool> TryRenewAsync(string rejectedToken, CancellationToken cancellationToken);
}
