using System;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// A compute session with what it was built from: the runspace's connection, or a connection for
/// one command. It holds the merged settings (secrets included, in memory only) so that a later
/// command can take what it was not given from them.
/// </summary>
internal sealed class VietnixSession : IDisposable
{
    public VietnixSession(CloudConfig config, ComputeSession compute, PipelineRequestLog log)
    {
        Config = config;
        Compute = compute;
        Log = log;
    }

    /// <summary>A session over a compute service built elsewhere (the tests' mocked service), for the settings given.</summary>
    public VietnixSession(CloudConfig config, IComputeService service, PipelineRequestLog log)
        : this(config, new ComputeSession(SignInReader.Read(config), service, null, null, null, ownsKeystone: false), log)
    {
    }

    public CloudConfig Config { get; }

    public ComputeSession Compute { get; }

    /// <summary>The compute endpoint: its microversion and its resource clients.</summary>
    public IComputeService Service => Compute.Service;

    /// <summary>What the client's requests logged, waiting for the pipeline thread to write it.</summary>
    public PipelineRequestLog Log { get; }

    /// <summary>The Keystone sign-in behind the token, or null when a token was given directly.</summary>
    public KeystoneTokenProvider? Keystone => Compute.Keystone;

    public Uri? AuthUrl => Compute.AuthUrl;

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
        var negotiation = Service.Negotiation;
        return new VietnixContext(Service.Endpoint, token?.ProjectId ?? Config.ProjectId, Config.ComputeApiVersion ?? ApiVersionRequest.Default.ToString(), ConnectedAt)
        {
            ApiVersion = negotiation?.Negotiated.ToString(),
            ServerMinApiVersion = negotiation?.ServerMinimum?.ToString(),
            ServerMaxApiVersion = negotiation?.ServerMaximum?.ToString(),
            SkipCertificateCheck = Compute.SignIn.Transport.SkipCertificateCheck,
            AuthenticationMethod = Keystone?.Credential.AuthenticationMethod ?? "Token",
            AuthUrl = AuthUrl,
            UserName = token?.UserName,
            UserId = token?.UserId,
            UserDomain = token?.UserDomainName,
            ProjectName = token?.ProjectName,
            Region = Compute.CatalogEndpoint?.Region ?? Config.RegionName,
            Interface = Compute.CatalogEndpoint?.Interface,
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
        Compute.Dispose();
    }
}
