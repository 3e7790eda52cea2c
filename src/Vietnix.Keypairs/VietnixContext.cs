using System;

namespace Vietnix.Keypairs;

/// <summary>
/// A connection, as Get-VietnixContext shows it, and what -Context takes. It shows no secret and
/// holds no token itself: it refers to the live session in this process, so it works in other
/// runspaces of the process (ForEach-Object -Parallel, Start-ThreadJob, $using:ctx), which share
/// the session's one token and its renewal. A copy in another process (Start-Job) has no session.
/// </summary>
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

    /// <summary>How the session signs in: Password, ApplicationCredential or Token. Never a secret.</summary>
    public string AuthenticationMethod { get; internal set; } = "Token";

    /// <summary>Keystone's address, when the session signed in there.</summary>
    public Uri? AuthUrl { get; internal set; }

    public string? UserName { get; internal set; }

    public string? UserId { get; internal set; }

    public string? UserDomain { get; internal set; }

    public string? ProjectName { get; internal set; }

    public string? Region { get; internal set; }

    /// <summary>The catalog interface the endpoint was chosen by (public, internal or admin).</summary>
    public string? Interface { get; internal set; }

    /// <summary>When the token expires (UTC). A password or application credential session renews it by itself.</summary>
    public DateTimeOffset? ExpiresAt { get; internal set; }

    /// <summary>Where the settings came from: parameters, a clouds.yaml cloud, or the OS_* variables.</summary>
    public string? Source { get; internal set; }

    public bool SkipCertificateCheck { get; internal set; }

    /// <summary>Retries of a request that is harmless to repeat (-MaxRetries); 0 means none.</summary>
    public int MaxRetries { get; internal set; }

    /// <summary>Seconds one attempt of a request may take (-TimeoutSec).</summary>
    public int TimeoutSec { get; internal set; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>The live session, shared by every runspace that is given this context; not public, so never serialised or shown.</summary>
    internal Internal.VietnixSession? Session { get; init; }

    /// <summary>What a copy from another process becomes: a context with no session, which -Context refuses with ContextNotUsable.</summary>
    internal static VietnixContext WithoutSession() => new(new Uri("about:blank"), null, string.Empty, DateTimeOffset.MinValue);
}
