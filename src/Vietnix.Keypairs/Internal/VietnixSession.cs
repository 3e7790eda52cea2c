using System;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// A compute client with what it was built from: the runspace's connection, or a connection for
/// one command. It holds the configuration (secrets included, in memory only) so that a later
/// command can take what it was not given from it.
/// </summary>
internal sealed class VietnixSession : IDisposable
{
    public VietnixSession(CloudConfig config, IKeyPairClient client, PipelineRequestLog log, KeystoneTokenProvider? keystone = null, CatalogEndpoint? catalogEndpoint = null)
    {
        Config = config;
        Client = client;
        Log = log;
        Keystone = keystone;
        CatalogEndpoint = catalogEndpoint;
    }

    public CloudConfig Config { get; }

    public IKeyPairClient Client { get; }

    /// <summary>What the client's requests logged, waiting for the pipeline thread to write it.</summary>
    public PipelineRequestLog Log { get; }

    /// <summary>The Keystone sign-in behind the token, or null when a token was given directly.</summary>
    public KeystoneTokenProvider? Keystone { get; }

    /// <summary>The catalog entry the compute endpoint came from; null when it was given.</summary>
    public CatalogEndpoint? CatalogEndpoint { get; }

    /// <summary>Keystone's address, when the session's token comes from there (also for a command that borrows it).</summary>
    public Uri? AuthUrl { get; init; }

    /// <summary>-MaxRetries and -TimeoutSec as given; a command that borrows the session starts from them.</summary>
    public ConnectionTuning Tuning { get; init; } = ConnectionTuning.None;

    /// <summary>The retry policy (and budget) the session's clients share; creates use it to settle unclear outcomes.</summary>
    public RetryPolicy Retries { get; init; } = new();

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.Now;

    /// <summary>Set once the negotiated microversion (and its warning) has been reported, so that happens once per session.</summary>
    public bool NegotiationReported { get; set; }

    public VietnixContext ToContext()
    {
        var token = Keystone?.Current;
        var negotiation = Client.Negotiation;
        return new VietnixContext(Client.Endpoint, token?.ProjectId ?? Config.ProjectId, Config.ComputeApiVersion ?? ApiVersionRequest.Default.ToString(), ConnectedAt)
        {
            ApiVersion = negotiation?.Negotiated.ToString(),
            ServerMinApiVersion = negotiation?.ServerMinimum?.ToString(),
            ServerMaxApiVersion = negotiation?.ServerMaximum?.ToString(),
            SkipCertificateCheck = Config.Insecure == true,
            AuthenticationMethod = Keystone?.Credential switch
            {
                PasswordCredential => "Password",
                ApplicationCredential => "ApplicationCredential",
                TokenCredential => "Token (exchanged with Keystone)",
                _ => "Token",
            },
            AuthUrl = AuthUrl,
            UserName = token?.UserName,
            UserId = token?.UserId,
            UserDomain = token?.UserDomainName,
            ProjectName = token?.ProjectName,
            Region = CatalogEndpoint?.Region ?? Config.RegionName,
            Interface = CatalogEndpoint?.Interface,
            ExpiresAt = token?.ExpiresAt,
            Source = Config.Source,
            MaxRetries = Retries.Settings.MaxRetries,
            TimeoutSec = (int)Tuning.Timeout.TotalSeconds,
            Session = this,
        };
    }

    /// <summary>Set once disposed (Disconnect-VietnixAccount, or a newer Connect-VietnixAccount), so a context that still refers to it is refused.</summary>
    public bool IsDisposed { get; private set; }

    public void Dispose()
    {
        IsDisposed = true;
        Client.Dispose();
        Keystone?.Keystone.Dispose();
    }
}
