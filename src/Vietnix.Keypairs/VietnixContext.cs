using System;

namespace Vietnix.Keypairs;

/// <summary>The current session, as Get-VietnixContext shows it. It never holds the token.</summary>
public sealed class VietnixContext
{
    internal VietnixContext(Uri endpoint, string? projectId, string requestedApiVersion, DateTimeOffset connectedAt)
    {
        Endpoint = endpoint;
        ProjectId = projectId;
        RequestedApiVersion = requestedApiVersion;
        ConnectedAt = connectedAt;
    }

    public Uri Endpoint { get; }

    public string? ProjectId { get; }

    /// <summary>What was asked for: a microversion such as 2.72, or "latest".</summary>
    public string RequestedApiVersion { get; }

    /// <summary>The microversion every request sends, after matching the server's range.</summary>
    public string? ApiVersion { get; internal set; }

    public string? ServerMinApiVersion { get; internal set; }

    public string? ServerMaxApiVersion { get; internal set; }

    /// <summary>How the session signs in. Only the kind is shown, never a secret.</summary>
    public string AuthenticationMethod { get; internal set; } = "Token";

    public bool SkipCertificateCheck { get; internal set; }

    public DateTimeOffset ConnectedAt { get; }
}
