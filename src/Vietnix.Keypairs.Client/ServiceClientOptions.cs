using System;
using System.Security.Cryptography.X509Certificates;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client;

/// <summary>How the client reaches a service: TLS trust, time limit, and how it names itself.</summary>
internal abstract class ServiceClientOptions
{
    /// <summary>Accept any TLS certificate. Only for test clouds with self-signed certificates.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>
    /// Certificate authorities trusted in addition to the system's, for clouds with a private CA
    /// (OS_CACERT, -CACertificatePath).
    /// </summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    public const int DefaultTimeoutSeconds = 30;

    /// <summary>How long one attempt of a request (answer and body) may take before it is abandoned.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

    /// <summary>
    /// Retries of requests that are harmless to repeat. Share one policy between a session's
    /// clients so they share its retry budget; null gives the default settings and a budget of its own.
    /// </summary>
    public RetryPolicy? Retries { get; init; }

    public string UserAgent { get; init; } = "Vietnix.Keypairs";
}
