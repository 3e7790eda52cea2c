using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client;

/// <summary>What a server-side generation did.</summary>
internal sealed class ServerGenerationResult(NovaKeyPair keyPair, bool nameTaken, int orphansRemoved)
{
    /// <summary>The new key pair with its private key; when <see cref="NameTaken"/>, the key pair that holds the name.</summary>
    public NovaKeyPair KeyPair { get; } = keyPair;

    /// <summary>The name was taken before this command created anything: nothing was created.</summary>
    public bool NameTaken { get; } = nameTaken;

    /// <summary>Key pairs this command created whose answer (and private key) was lost, and which it deleted.</summary>
    public int OrphansRemoved { get; } = orphansRemoved;
}

/// <summary>
/// Has Nova generate a key pair (microversions below 2.92) without ever leaving one on the server
/// whose private key nobody holds. The private key exists only in the create's answer, so when that
/// answer is lost (no answer, a timeout, 429 or 5xx) and the name now holds a key pair that was not
/// there before this command, that key pair is an orphan: it is deleted and the key generated once
/// more, within the session's retry limits. If the orphan cannot be deleted, the error names it.
/// </summary>
internal sealed class ServerKeyPairGenerator(IKeyPairClient client, RetryPolicy? retries = null, IRequestLog? log = null)
{
    private readonly RetryPolicy _retries = retries ?? new RetryPolicy();
    private readonly IRequestLog _log = log ?? DiscardingLog.Instance;

    /// <param name="request">A create request without a public key.</param>
    public async Task<ServerGenerationResult> GenerateAsync(KeyPairCreateRequest request, CancellationToken cancellationToken)
    {
        if (request.PublicKey is not null)
        {
            throw new ArgumentException("A request with a public key is an import; use KeyPairImporter.", nameof(request));
        }

        // Proves the name was free before this command, so whatever holds it after a lost answer is this command's.
        if (await client.FindAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new ServerGenerationResult(existing, nameTaken: true, orphansRemoved: 0);
        }

        var retriesMade = 0;
        var orphansRemoved = 0;
        var earlierAttemptUnclear = false;
        while (true)
        {
            UnclearOutcome unclear;
            try
            {
                var created = await client.CreateAsync(request, cancellationToken).ConfigureAwait(false);
                return new ServerGenerationResult(created, nameTaken: false, orphansRemoved);
            }
            catch (VietnixConflictException) when (!earlierAttemptUnclear)
            {
                // Someone else took the name between the check and the create.
                var holder = await client.GetAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false);
                return new ServerGenerationResult(holder, nameTaken: true, orphansRemoved);
            }
            catch (VietnixConflictException conflict)
            {
                // An earlier create whose answer was lost took effect after all, later than the read-back.
                unclear = UnclearOutcome.LateCreate;
                orphansRemoved += await RemoveOrphanAsync(request, conflict, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                if (!TryDecide(request, unclear, ref retriesMade, out var wait))
                {
                    throw;
                }

                await _retries.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception exception) when (UnclearOutcome.Of(exception) is { } outcome)
            {
                unclear = outcome;
                earlierAttemptUnclear = true;
                var stored = await ReadBackAsync(request, exception, cancellationToken).ConfigureAwait(false);
                if (stored is not null && await RemoveOrphanAsync(request, exception, cancellationToken).ConfigureAwait(false))
                {
                    orphansRemoved++;
                }

                if (!TryDecide(request, unclear, ref retriesMade, out var wait))
                {
                    throw;
                }

                await _retries.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool TryDecide(KeyPairCreateRequest request, UnclearOutcome unclear, ref int retriesMade, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        var decision = _retries.Decide(retriesMade, unclear.Cause, unclear.RetryAfter);
        if (!decision.ShouldRetry)
        {
            _log.Add(RequestLogEntry.ForNote($"The generation of '{request.Name}' got {unclear.What}; no key pair of that name is left on the server, and it is not generated again: {decision.Reason}."));
            return false;
        }

        retriesMade++;
        wait = decision.Delay;
        _log.Add(RequestLogEntry.ForNote(
            $"The generation of '{request.Name}' got {unclear.What}; the name is free, so the key is generated again in {RetryPolicy.Seconds(wait)} s (retry {retriesMade} of {_retries.Settings.MaxRetries})."));
        return true;
    }

    private async Task<NovaKeyPair?> ReadBackAsync(KeyPairCreateRequest request, Exception createFailure, CancellationToken cancellationToken)
    {
        try
        {
            return await client.FindAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (UnclearOutcome.IsUnreachable(exception))
        {
            throw new VietnixOrphanKeyPairException(request.Name, request.UserId, confirmed: false,
                $"The key pair '{request.Name}' may have been created without its private key reaching this computer: the create got {UnclearOutcome.Of(createFailure)!.What} ({createFailure.Message}), and reading it back failed too ({exception.Message}).",
                createFailure);
        }
    }

    /// <summary>Deletes the key pair whose private key was lost; true when it was there to delete.</summary>
    private async Task<bool> RemoveOrphanAsync(KeyPairCreateRequest request, Exception createFailure, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteAsync(request.Name, request.UserId, cancellationToken).ConfigureAwait(false);
        }
        catch (VietnixNotFoundException)
        {
            return false;
        }
        catch (Exception exception) when (UnclearOutcome.IsUnreachable(exception) || exception is VietnixApiException)
        {
            throw new VietnixOrphanKeyPairException(request.Name, request.UserId, confirmed: true,
                $"The key pair '{request.Name}' was created, but the answer that carried its private key was lost ({createFailure.Message}), and deleting it failed: {exception.Message}",
                exception);
        }

        _log.Add(RequestLogEntry.ForNote($"The answer to the generation of '{request.Name}' was lost with the only copy of its private key; deleted the key pair it created, so none is left that nobody can use."));
        return true;
    }
}
