using System;
using Vietnix.Keypairs.Client;

namespace Vietnix.Keypairs.Internal;

/// <summary>A client with the settings it was built from: the runspace's connection, or a one-call connection.</summary>
internal sealed class VietnixSession(ConnectionSettings settings, IKeyPairClient client, PipelineRequestLog log) : IDisposable
{
    public ConnectionSettings Settings { get; } = settings;

    public IKeyPairClient Client { get; } = client;

    /// <summary>What the client's requests logged, waiting for the pipeline thread to write it.</summary>
    public PipelineRequestLog Log { get; } = log;

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.Now;

    /// <summary>The negotiation, once a call has made it.</summary>
    public ApiVersionNegotiation? Negotiation { get; set; }

    /// <summary>Set once the negotiation's warning has been shown, so it is shown once per session.</summary>
    public bool NegotiationWarningShown { get; set; }

    public VietnixContext ToContext() => new(Settings.Endpoint, Settings.ProjectId, Settings.ApiVersion.ToString(), ConnectedAt)
    {
        ApiVersion = Negotiation?.Negotiated.ToString(),
        ServerMinApiVersion = Negotiation?.ServerMinimum?.ToString(),
        ServerMaxApiVersion = Negotiation?.ServerMaximum?.ToString(),
        SkipCertificateCheck = Settings.SkipCertificateCheck,
    };

    /// <summary>Builds the real client for <paramref name="settings"/>.</summary>
    public static VietnixSession Open(ConnectionSettings settings, string userAgent)
    {
        var log = new PipelineRequestLog();
        var options = new KeyPairClientOptions(settings.Endpoint)
        {
            ApiVersion = settings.ApiVersion,
            SkipCertificateCheck = settings.SkipCertificateCheck,
            UserAgent = userAgent,
        };
        return new VietnixSession(settings, KeyPairClientFactory.Create(options, settings.Tokens, log), log);
    }

    public void Dispose() => Client.Dispose();
}
