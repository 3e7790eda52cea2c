using System;

namespace Vietnix.Keypairs.Client.Errors;

/// <summary>Why the client refused a request before sending it.</summary>
public enum RejectionReason
{
    /// <summary>The name breaks Nova's rules at the negotiated microversion.</summary>
    InvalidName,

    /// <summary>The request uses a field or parameter newer than the negotiated microversion.</summary>
    MicroversionTooLow,

    /// <summary>Server-side generation was asked for at 2.92 or later, where Nova removed it.</summary>
    ServerGenerationUnavailable,

    /// <summary>The public key text is not a key Nova could accept.</summary>
    InvalidPublicKey,
}

/// <summary>A request refused locally, before anything was sent, because the server would refuse it.</summary>
public sealed class KeyPairRequestRejectedException(RejectionReason reason, string message)
    : ArgumentException(message)
{
    public RejectionReason Reason { get; } = reason;
}
