using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client;

internal enum KeyPairImportOutcome
{
    /// <summary>The key pair was created now.</summary>
    Created,

    /// <summary>The name already held this very key (same fingerprint): nothing changed.</summary>
    Unchanged,

    /// <summary>The name holds a different key; <see cref="KeyPairImportResult.KeyPair"/> is that key pair.</summary>
    Conflict,
}

/// <summary>What an import did, and the key pair the name now holds.</summary>
internal sealed class KeyPairImportResult(KeyPairImportOutcome outcome, NovaKeyPair keyPair, bool responseWasLost)
{
    public KeyPairImportOutcome Outcome { get; } = outcome;

    public NovaKeyPair KeyPair { get; } = keyPair;

    /// <summary>A create's outcome was unclear (its answer lost, or an error that may have come after the server acted), and reading the key pair back settled it.</summary>
    public bool ResponseWasLost { get; } = responseWasLost;
}

/// <summary>
/// Imports a public key so that running a script again is safe: a name that already holds the same
/// key is a success that changes nothing. A create is never resent blindly: after any failure that
/// leaves its outcome unclear (no answer, a timeout, 429, 500, 502, 503, 504) the key pair is read
/// back and compared by fingerprint, and the create is sent again, within the session's retry
/// limits, only when the name is still free. So a retry never makes a duplicate and never reports a false failure.
/// </summary>
internal sealed class KeyPairImporter(IKeyPairClient client, RetryPolicy? retries = null, IRequestLog? log = null)
{
    private readonly RetryPolicy _retries = retries ?? new RetryPolicy();
    private readonly IRequestLog _log = log ?? DiscardingLog.Instance;

    /// <param name="request">A create request that carries a public key.</param>
    /// <param name="localFingerprint">Nova's fingerprint of that key, computed locally.</param>
    public async Task<KeyPairImportResult> ImportAsync(KeyPairCreateRequest request, string localFingerprint, CancellationToken cancellationToken)
    {
        if (request.PublicKey is null)
        {
            throw new ArgumentException("Only a request that carries a public key can be imported idempotently.", nameof(request));
        }

        var retriesMade = 0;
        var earlierAttemptUnclear = false;
        while (true)
        {
            try
            {
                return new KeyPairImportResult(KeyPairImportOutcome.Created, await client.CreateAsync(request, cancellationToken).ConfigureAwait(false), responseWasLost: false);
            }
            catch (VietnixConflictException)
            {
                // After an unclear attempt, a 409 is most likely that attempt, which took effect late.
                var stored = await client.GetAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false);
                return Compare(stored, localFingerprint, earlierAttemptUnclear);
            }
            catch (Exception exception) when (UnclearOutcome.Of(exception) is { } unclear)
            {
                earlierAttemptUnclear = true;
                var stored = await ReadBackAsync(request, ExceptionDispatchInfo.Capture(exception), cancellationToken).ConfigureAwait(false);
                if (stored is not null)
                {
                    return Compare(stored, localFingerprint, responseWasLost: true);
                }

                var decision = _retries.Decide(retriesMade, unclear.Cause, unclear.RetryAfter);
                if (!decision.ShouldRetry)
                {
                    _log.Add(RequestLogEntry.ForNote($"The import of '{request.Name}' got {unclear.What} and the key pair is not on the server; not sending it again: {decision.Reason}."));
                    throw;
                }

                retriesMade++;
                _log.Add(RequestLogEntry.ForNote(
                    $"The import of '{request.Name}' got {unclear.What}, and reading back shows no key pair of that name, so it is sent again in {RetryPolicy.Seconds(decision.Delay)} s (retry {retriesMade} of {_retries.Settings.MaxRetries})."));
                await _retries.WaitAsync(decision.Delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Still unreachable: the outcome is unknown, and the create's own failure says why.
    private async Task<NovaKeyPair?> ReadBackAsync(KeyPairCreateRequest request, ExceptionDispatchInfo createFailure, CancellationToken cancellationToken)
    {
        try
        {
            return await client.FindAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (UnclearOutcome.IsUnreachable(exception))
        {
            createFailure.Throw();
            throw;
        }
    }

    // After an unclear outcome the same key under the name is, all but certainly, the create whose
    // answer was lost, so it counts as created rather than as found unchanged.
    private static KeyPairImportResult Compare(NovaKeyPair stored, string localFingerprint, bool responseWasLost)
    {
        var outcome = !Fingerprints.AreEqual(stored.Fingerprint, localFingerprint) ? KeyPairImportOutcome.Conflict
            : responseWasLost ? KeyPairImportOutcome.Created
            : KeyPairImportOutcome.Unchanged;
        return new KeyPairImportResult(outcome, stored, responseWasLost);
    }
}
