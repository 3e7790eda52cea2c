using System;
using System.Security.Cryptography.X509Certificates;

namespace Vietnix.Keypairs.Client;

/// <summary>How the client reaches a service: TLS trust, time limit, and how it names itself.</summary>
public abstract class ServiceClientOptions
{
    /// <summary>Accept any TLS certificate. Only for test clouds with self-signed certificates.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>
    /// Certificate authorities trusted in addition to the system's, for clouds with a private CA
    /// (OS_CACERT, -CACertificatePath).
    /// </summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>How long one request may take before it is abandoned.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public string UserAgent { get; init; } = "Vietnix.Keypairs";
}
