using System;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Internal;

/// <summary>Everything needed to build a client; the token stays inside its provider.</summary>
internal sealed class ConnectionSettings(Uri endpoint, string? projectId, ApiVersionRequest apiVersion, bool skipCertificateCheck, ITokenProvider tokens)
{
    public Uri Endpoint { get; } = endpoint;

    public string? ProjectId { get; } = projectId;

    public ApiVersionRequest ApiVersion { get; } = apiVersion;

    public bool SkipCertificateCheck { get; } = skipCertificateCheck;

    public ITokenProvider Tokens { get; } = tokens;
}
