using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Client;

public enum KeyPairImportOutcome
{
    /// <summary>The key pair was created now.</summary>
    Created,

    /// <summary>The name already held this very key (same fingerprint): nothing changed.</summary>
    Unchanged,

    /// <summary>The name holds a different key; <see cref="KeyPairImportResult.KeyPair"/> is that key pair.</summary>
    Conflict,
}

/// <summary>What an import did, and the key pair the name now holds.</summary>
public sealed class KeyPairImportResult(KeyPairImportOutcome outcome, NovaKeyPair keyPair, bool responseWasLost)
{
    public KeyPairImportOutcome Outcome { get; } = outcome;

    public NovaKeyPair KeyPair { get; } = keyPair;

    /// <summary>The create's response never arrived, and the outcome was settled by reading the key pair back.</summary>
    public bool ResponseWasLost { get; } = responseWasLost;
}

/// <summary>
/// Imports a public key so that running a script again is safe: a name that already holds the same
/// key is a success that changes nothing, and a create whose response was lost (the connection
/// dropped after the request went out) is settled by reading the key pair back and comparing
/// fingerprints, so a retry never makes a duplicate and never reports a false failure.
/// </summary>
public sealed class KeyPairImporter(IKeyPairClient client)
{
    /// <param name="request">A create request that carries a public key.</param>
    /// <param name="localFingerprint">Nova's fingerprint of that key, computed locally.</param>
    public async Task<KeyPairImportResult> ImportAsync(KeyPairCreateRequest request, string localFingerprint, CancellationToken cancellationToken)
    {
        if (request.PublicKey is null)
        {
            throw new ArgumentException("Only a request that carries a public key can be imported idempotently.", nameof(request));
        }

        try
        {
            return new KeyPairImportResult(KeyPairImportOutcome.Created, await client.CreateAsync(request, cancellationToken).ConfigureAwait(false), responseWasLost: false);
        }
        catch (VietnixConflictException)
        {
            return await CompareWithStoredAsync(request, localFingerprint, responseWasLost: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is VietnixConnectionException or VietnixTimeoutException)
        {
            return await ReconcileLostResponseAsync(request, localFingerprint, ExceptionDispatchInfo.Capture(exception), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<KeyPairImportResult> ReconcileLostResponseAsync(
        KeyPairCreateRequest request, string localFingerprint, ExceptionDispatchInfo lostCreate, CancellationToken cancellationToken)
    {
        NovaKeyPair? stored;
        try
        {
            stored = await client.FindAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is VietnixConnectionException or VietnixTimeoutException)
        {
            // Still unreachable: the outcome is unknown, and the first failure says why.
            lostCreate.Throw();
            throw;
        }

        if (stored is not null)
        {
            return Compare(stored, localFingerprint, responseWasLost: true);
        }

        // The create never took effect, so sending it again cannot make a duplicate; a create
        // still in flight would make this one answer 409, which is settled the same way.
        try
        {
            return new KeyPairImportResult(KeyPairImportOutcome.Created, await client.CreateAsync(request, cancellationToken).ConfigureAwait(false), responseWasLost: true);
        }
        catch (VietnixConflictException)
        {
            return await CompareWithStoredAsync(request, localFingerprint, responseWasLost: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<KeyPairImportResult> CompareWithStoredAsync(
        KeyPairCreateRequest request, string localFingerprint, bool responseWasLost, CancellationToken cancellationToken)
    {
        var stored = await client.GetAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false);
        return Compare(stored, localFingerprint, responseWasLost);
    }

    // After a lost response the same key under the name is, all but certainly, the create whose
    // answer was lost, so it counts as created rather than as found unchanged.
    private static KeyPairImportResult Compare(NovaKeyPair stored, string localFingerprint, bool responseWasLost)
    {
        var outcome = !Fingerprints.AreEqual(stored.Fingerprint, localFingerprint) ? KeyPairImportOutcome.Conflict
            : responseWasLost ? KeyPairImportOutcome.Created
            : KeyPairImportOutcome.Unchanged;
        return new KeyPairImportResult(outcome, stored, responseWasLost);
    }
}
