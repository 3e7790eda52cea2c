using System;

namespace Vietnix.Keypairs.Client.Models;

/// <summary>A key pair as Nova returned it; fields a microversion or a view does not carry are null.</summary>
internal sealed class NovaKeyPair
{
    public NovaKeyPair(string name, string publicKey, string fingerprint)
    {
        Name = name;
        PublicKey = publicKey;
        Fingerprint = fingerprint;
    }

    public string Name { get; }

    /// <summary>Stored and returned verbatim by Nova, comment and trailing newline included.</summary>
    public string PublicKey { get; }

    /// <summary>MD5 colon hex for ssh keys, SHA-1 colon hex for x509 certificates.</summary>
    public string Fingerprint { get; }

    /// <summary>"ssh" or "x509"; Nova sends it from microversion 2.2.</summary>
    public string? Type { get; init; }

    /// <summary>Sent by create and show, not by list.</summary>
    public string? UserId { get; init; }

    /// <summary>Sent by show only; Nova's timestamp has no zone and is UTC.</summary>
    public DateTime? CreatedAt { get; init; }

    /// <summary>Nova's database id, sent by show only.</summary>
    public int? Id { get; init; }

    /// <summary>
    /// Only when the server generated the key (below 2.92): a PKCS#1 PEM for ssh, a base64 PKCS#12 for x509.
    /// Nova never returns it again.
    /// </summary>
    public string? PrivateKey { get; init; }
}
