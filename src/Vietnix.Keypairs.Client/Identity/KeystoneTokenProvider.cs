using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>
/// Tokens from Keystone for the compute client. Like keystoneauth, it signs in again when fewer
/// than 120 s of the token are left, and once after the server refuses a token, when the
/// credential allows (a password or an application credential). A session signed in with a
/// token cannot renew, and says so clearly once its token has expired.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never makes a wait handle, so it holds nothing to release.")]
internal sealed class KeystoneTokenProvider : ITokenProvider
{
    /// <summary>keystoneauth's MIN_TOKEN_LIFE_SECONDS.</summary>
    public static readonly TimeSpan MinimumLife = TimeSpan.FromSeconds(120);

    private readonly IKeystoneClient _keystone;
    private readonly KeystoneCredential _credential;
    private readonly ProjectScope? _scope;
    private readonly Func<DateTimeOffset> _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeystoneToken? _current;

    public KeystoneTokenProvider(IKeystoneClient keystone, KeystoneCredential credential, ProjectScope? scope, Func<DateTimeOffset>? clock = null)
    {
        _keystone = keystone;
        _credential = credential;
        _scope = credential.AcceptsScope ? scope : null;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    public KeystoneCredential Credential => _credential;

    /// <summary>The token in use, or null before the first sign-in.</summary>
    public KeystoneToken? Current => Volatile.Read(ref _current);

    public IKeystoneClient Keystone => _keystone;

    /// <summary>Signs in now, so that a refusal shows at once rather than at the first compute call.</summary>
    public async Task<KeystoneToken> SignInAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = Current;
        if (token is not null && !token.ExpiresWithin(MinimumLife, _clock()))
        {
            return token.Value;
        }

        if (!_credential.CanRenew)
        {
            return token is not null && token.ExpiresAt > _clock() ? token.Value : throw Expired(token);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have renewed while this one waited.
            token = Current;
            return token is not null && !token.ExpiresWithin(MinimumLife, _clock())
                ? token.Value
                : (await RenewAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> TryRenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        if (!_credential.CanRenew)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current?.Value == rejectedToken)
            {
                await RenewAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Revokes the current token in Keystone, so a copy of it is worthless.</summary>
    public async Task RevokeAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _current, null) is { } token)
        {
            await _keystone.RevokeTokenAsync(token, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<KeystoneToken> RenewAsync(CancellationToken cancellationToken)
    {
        var token = await _keystone.IssueTokenAsync(_credential, _scope, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, token);
        return token;
    }

    private VietnixSignInException Expired(KeystoneToken? token) => new(
        SignInProblem.TokenExpired,
        $"The token expired{(token is null ? string.Empty : $" at {token.ExpiresAt:u}")}, and this session was signed in with {_credential.Describe()}, which cannot get a new one. Sign in again; a password or an application credential gives a session that renews itself.");
}
