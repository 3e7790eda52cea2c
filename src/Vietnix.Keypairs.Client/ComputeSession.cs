using System;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Identity;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// An authenticated compute connection: the sign-in it came from, the token source behind it, and
/// the compute service over its endpoint. <see cref="SignInDescription.OpenAsync"/> makes one.
/// </summary>
internal sealed class ComputeSession : IDisposable
{
    /// <summary>How long a revocation may take when the caller is already giving up.</summary>
    private static readonly TimeSpan QuietRevocationLimit = TimeSpan.FromSeconds(3);

    private readonly bool _ownsKeystone;

    public ComputeSession(SignInDescription signIn, IComputeService service, KeystoneTokenProvider? keystone, CatalogEndpoint? catalogEndpoint, Uri? authUrl, bool ownsKeystone)
    {
        SignIn = signIn;
        Service = service;
        Keystone = keystone;
        CatalogEndpoint = catalogEndpoint;
        AuthUrl = authUrl;
        _ownsKeystone = ownsKeystone;
    }

    public SignInDescription SignIn { get; }

    /// <summary>The compute endpoint, its negotiated microversion and its resource clients.</summary>
    public IComputeService Service { get; }

    /// <summary>The Keystone sign-in behind the token, or null when a token was given directly.</summary>
    public KeystoneTokenProvider? Keystone { get; }

    /// <summary>The catalog entry the compute endpoint came from; null when it was given.</summary>
    public CatalogEndpoint? CatalogEndpoint { get; }

    /// <summary>Keystone's address, when the token comes from there (also for a session that borrows another's sign-in).</summary>
    public Uri? AuthUrl { get; }

    /// <summary>True when this session obtained its token itself, so revoking it is this session's job.</summary>
    public bool OwnsToken => _ownsKeystone && Keystone is not null;

    /// <summary>Revokes the token this session obtained, so a copy of it is worthless; a borrowed or given token is left alone.</summary>
    public Task RevokeAsync(CancellationToken cancellationToken) =>
        OwnsToken ? Keystone!.RevokeAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Revokes the token this session obtained when the caller is giving the session up after a failure
    /// or a cancellation: within a few seconds, whatever the caller's cancellation, and a failure is
    /// ignored (the token expires on its own).
    /// </summary>
    public Task RevokeQuietlyAsync() => OwnsToken ? RevokeQuietlyAsync(Keystone!) : Task.CompletedTask;

    public void Dispose()
    {
        Service.Dispose();
        if (_ownsKeystone)
        {
            Keystone?.Keystone.Dispose();
        }
    }

    internal static async Task RevokeQuietlyAsync(KeystoneTokenProvider tokens)
    {
        using var limit = new CancellationTokenSource(QuietRevocationLimit);
        try
        {
            await tokens.RevokeAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is VietnixApiException or VietnixConnectionException or VietnixTimeoutException or VietnixProtocolException or OperationCanceledException)
        {
            // The token expires on its own.
        }
    }
}
