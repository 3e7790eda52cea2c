using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>A token the user already holds. It cannot be renewed: a 401 is final.</summary>
internal sealed class StaticTokenProvider : ITokenProvider
{
    private readonly SecureString _token;

    public StaticTokenProvider(SecureString token) => _token = ReadOnlySecret.Require(token, nameof(token));

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(ReadOnlySecret.Reveal(_token));

    public Task<bool> TryRenewAsync(string rejectedToken, CancellationToken cancellationToken) => Task.FromResult(false);
}
