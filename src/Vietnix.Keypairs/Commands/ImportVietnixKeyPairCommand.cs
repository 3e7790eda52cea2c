using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Imports public keys: piped lines (Get-Content key.pub), a string, or files (-Path, or
/// Get-ChildItem *.pub). Each key is validated, normalised and fingerprinted locally before it is
/// sent, and the server's fingerprint is checked against the local one. Running it again is safe:
/// the same key under the same name changes nothing, and a lost answer is settled by reading back.
/// </summary>
[Cmdlet(VerbsData.Import, "VietnixKeyPair", DefaultParameterSetName = PublicKeyInput.LiteralPathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KeyPair))]
public sealed class ImportVietnixKeyPairCommand : BulkKeyPairCmdlet
{
    private protected override bool ChangesKeyPairs => true;

    private PublicKeyInput _input = null!;

    // Nothing is mandatory and only -PublicKey's set binds by property name (from files piped to
    // -LiteralPath, the default set, nothing else may bind): see PublicKeyInput. It asks for
    // -Name when key text comes without one.
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [Parameter(Position = 0, ParameterSetName = PublicKeyInput.PathSet)]
    [Parameter(Position = 0, ParameterSetName = PublicKeyInput.LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>
    /// The key text, or the PublicKey property of piped objects (Import-Csv rows). Piped strings
    /// are lines, collected until the input ends, so a multi-line PEM certificate from Get-Content arrives whole.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [AllowEmptyString]
    public string[]? PublicKey { get; set; }

    /// <summary>Key files; wildcards allowed. The key pair name defaults to the file's base name.</summary>
    [Parameter(ParameterSetName = PublicKeyInput.PathSet)]
    [SupportsWildcards]
    public string[]? Path { get; set; }

    /// <summary>Key files, taken literally; Get-ChildItem output binds here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.LiteralPathSet)]
    [Alias("PSPath", "LP")]
    public string[]? LiteralPath { get; set; }

    /// <summary>
    /// Key pairs from Get-VietnixKeyPair, copied with their name, key and type: for another cloud,
    /// region or project with -Cloud, -Region or the sign-in parameters.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = PublicKeyInput.TextSet)]
    public KeyPair[]? InputObject { get; set; }

    /// <summary>Stored after "VSTOR-KEY-DESC:" in the key's comment; the key material is unchanged.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [Parameter(ParameterSetName = PublicKeyInput.PathSet)]
    [Parameter(ParameterSetName = PublicKeyInput.LiteralPathSet)]
    [AllowNull]
    [AllowEmptyString]
    public string? Description { get; set; }

    /// <summary>Ssh or X509; by default it follows the key (a PEM certificate is X509).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [Parameter(ParameterSetName = PublicKeyInput.PathSet)]
    [Parameter(ParameterSetName = PublicKeyInput.LiteralPathSet)]
    public KeyPairType? Type { get; set; }

    /// <summary>Import for another user (admin only; microversion 2.10 or later).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [Parameter(ParameterSetName = PublicKeyInput.PathSet)]
    [Parameter(ParameterSetName = PublicKeyInput.LiteralPathSet)]
    public string? UserId { get; set; }

    /// <summary>
    /// Replace a key pair of the same name that holds a different key, or the same key with another
    /// comment or description: delete it, then import. Without it a different key is an error,
    /// and the same key under the name is a success that changes nothing.
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        _input = new PublicKeyInput(this, KeyNaming.OneKeyPerName, "to import it as");
        base.BeginProcessing();
    }

    protected override void ProcessItems() => ImportAll(_input.Read(Name, PublicKey, Path, LiteralPath, InputObject));

    protected override void EndItems() => ImportAll(_input.End());

    private void ImportAll(IReadOnlyList<PublicKeySource> sources)
    {
        foreach (var source in sources)
        {
            if (TryParse(source, out var key))
            {
                Import(source, key);
            }
        }
    }

    // A key pair from Get-VietnixKeyPair is imported for the user it was read for (with -UserId),
    // never for the owner id it carries: that id belongs to the cloud it came from.
    private string? UserIdFor(PublicKeySource source) =>
        source.KeyPair is { } keyPair && !_input.GivenOnCommandLine(nameof(UserId)) ? keyPair.RequestedUserId
        : string.IsNullOrEmpty(UserId) ? null : UserId;

    private bool TryParse(PublicKeySource source, out ParsedPublicKey key)
    {
        key = null!;
        var name = source.Name!;
        var from = source.File is null ? string.Empty : $" (from '{source.File}')";
        try
        {
            key = PublicKeyText.ParseSingle(source.Text);
        }
        catch (PublicKeyFormatException exception)
        {
            var error = source.File is null ? ErrorMapper.MapPublicKeyText(exception, source.Text, source.Target) : ErrorMapper.Map(exception, source.Target);
            Report(source.File is null ? error : error.WithNote($"File: {source.File}."));
            return false;
        }

        if (!string.IsNullOrEmpty(Description))
        {
            if (key.Kind != PublicKeyKind.Ssh)
            {
                WriteItemError(ErrorMapper.Create(
                    new ArgumentException($"The key for '{name}'{from} is an X.509 certificate, which has no comment to hold a description."),
                    ErrorIds.DescriptionNeedsSshKey, ErrorCategory.InvalidArgument, source.Target,
                    "Leave out -Description for certificates. Nothing was sent."));
                return false;
            }

            try
            {
                key = KeyDescription.Apply(key, Description!);
            }
            catch (PublicKeyFormatException exception)
            {
                WriteItemError(ErrorMapper.Create(new ArgumentException($"-Description cannot go with the key for '{name}'{from}: {exception.Message}", exception), ErrorIds.DescriptionNeedsSshKey, ErrorCategory.InvalidArgument, source.Target, "Give -Description as one line of text. Nothing was sent."));
                return false;
            }
        }

        var keyType = key.Kind == PublicKeyKind.X509Certificate ? KeyPairType.X509 : KeyPairType.Ssh;
        if (Type is { } declared && declared != keyType)
        {
            WriteItemError(ErrorMapper.Create(
                new ArgumentException($"-Type {declared} was given, but the key for '{name}'{from} is {(keyType == KeyPairType.X509 ? "an X.509 certificate" : "an ssh public key")}."),
                ErrorIds.KeyTypeMismatch, ErrorCategory.InvalidArgument, source.Target,
                "Leave out -Type: the type follows the key. Nothing was sent."));
            return false;
        }

        return true;
    }

    // What can be refused or asked without the server's answer happens here, on the pipeline
    // thread; the import itself runs as an item, up to -ThrottleLimit at once.
    private void Import(PublicKeySource source, ParsedPublicKey key)
    {
        var name = source.Name!;
        var fingerprint = key.Sha256Fingerprint ?? key.NovaFingerprint;
        var request = new KeyPairCreateRequest(name)
        {
            PublicKey = key.Text,
            Type = key.Kind == PublicKeyKind.X509Certificate ? NovaKeyType.X509 : Type is null ? null : NovaKeyType.Ssh,
            UserId = UserIdFor(source),
        };
        var note = source.File is null ? null : $"File: {source.File}.";

        // Everything the real run would refuse before sending (the name at this microversion,
        // x509 and user_id support) is refused here, before ShouldProcess, so -WhatIf tells the truth.
        if (!TryCheck(Session, (compute, cancellationToken) => compute.CheckCreateAsync(request, cancellationToken), name, note))
        {
            return;
        }

        // With -Force the name is read first, so that the one confirmation (and -WhatIf) says whether
        // a stored key pair would be deleted and replaced: that question is asked in the item's turn.
        if (Force)
        {
            StartItem((item, _) => ImportAsync(item, request, key, fingerprint, note));
        }
        else
        {
            StartItemIfConfirmed(name, $"Import {key.Algorithm} public key {fingerprint}", (item, _) => ImportAsync(item, request, key, fingerprint, note));
        }
    }

    private async Task ImportAsync(ItemScope item, KeyPairCreateRequest request, ParsedPublicKey key, string fingerprint, string? note)
    {
        var name = request.Name;
        NovaKeyPair? stored = null;
        if (Force)
        {
            var (found, existing) = await item.TryInvokeAsync(Session, (compute, cancellationToken) => compute.KeyPairs.FindAsync(name, request.UserId, cancellationToken), name, note).ConfigureAwait(false);
            if (!found)
            {
                return;
            }

            stored = existing;
        }

        KeyPairImportResult? result;
        if (stored is not null)
        {
            if (IsSameKeyAndText(stored, key))
            {
                WriteUnchanged(item, name, fingerprint, stored, key, request.UserId);
                return;
            }

            result = await TryReplaceAsync(item, request, key, stored, note).ConfigureAwait(false);
        }
        else
        {
            if (Force && !await item.ShouldProcessAsync(name, $"Import {key.Algorithm} public key {fingerprint}").ConfigureAwait(false))
            {
                return;
            }

            result = await TryImportAsync(item, request, key, note).ConfigureAwait(false);

            // Stored meanwhile by someone else (or found without -Force): an error, or with -Force a replacement.
            if (result?.Outcome == KeyPairImportOutcome.Conflict)
            {
                result = await TryReplaceAsync(item, request, key, result.KeyPair, note).ConfigureAwait(false);
            }
        }

        if (result is null)
        {
            return;
        }

        if (result.Outcome == KeyPairImportOutcome.Unchanged)
        {
            WriteUnchanged(item, name, fingerprint, result.KeyPair, key, request.UserId);
            return;
        }

        if (!Fingerprints.AreEqual(result.KeyPair.Fingerprint, key.NovaFingerprint))
        {
            item.WriteError(WithFileNote(ErrorMapper.Create(
                new InvalidDataException($"The key pair '{name}' was imported, but the server's fingerprint {result.KeyPair.Fingerprint} differs from the local fingerprint {key.NovaFingerprint} of the key that was sent."),
                ErrorIds.FingerprintMismatch, ErrorCategory.InvalidResult, name,
                $"The stored key may not be the one you sent. Inspect it with Get-VietnixKeyPair -Name '{name}', and remove it if it is wrong."), note));
            return;
        }

        var imported = KeyPairFactory.From(result.KeyPair, request.UserId);
        imported.Origin = nameof(KeyPairOrigin.Imported);
        item.WriteObject(imported);
    }

    private static bool IsSameKeyAndText(NovaKeyPair stored, ParsedPublicKey key) =>
        Fingerprints.AreEqual(stored.Fingerprint, key.NovaFingerprint)
        && string.Equals(stored.PublicKey.Trim(), key.Text.Trim(), StringComparison.Ordinal);

    private static void WriteUnchanged(ItemScope item, string name, string fingerprint, NovaKeyPair stored, ParsedPublicKey key, string? userId)
    {
        // Nova cannot change a key pair, and the same key with another comment (or
        // -Description) is still the same key: say so rather than let it pass unnoticed.
        if (!string.Equals(stored.PublicKey.Trim(), key.Text.Trim(), StringComparison.Ordinal))
        {
            item.WriteWarning($"'{name}' already holds this key ({fingerprint}) with another comment or description; nothing changed. Add -Force to replace the key pair with the new text (it is deleted, then imported again).");
        }

        item.WriteVerbose($"'{name}' already holds this key ({fingerprint}): nothing changed.");
        item.WriteObject(KeyPairFactory.From(stored, userId));
    }

    private async Task<KeyPairImportResult?> TryImportAsync(ItemScope item, KeyPairCreateRequest request, ParsedPublicKey key, string? note)
    {
        var (imported, result) = await item.TryInvokeAsync(Session, (compute, cancellationToken) => new KeyPairImporter(compute.KeyPairs, Session.Retries, Session.Log).ImportAsync(request, key.NovaFingerprint, cancellationToken), request.Name, note).ConfigureAwait(false);
        if (!imported)
        {
            return null;
        }

        if (result.ResponseWasLost)
        {
            item.WriteVerbose($"The answer to the import of '{request.Name}' was lost on the way back; reading the key pair back showed {(result.Outcome == KeyPairImportOutcome.Conflict ? "a different key under that name" : "the key stored once, as sent")}.");
        }

        return result;
    }

    // The name holds another key, or (with -Force) the same key with other text: an error without
    // -Force for another key; with -Force, replace it (delete, then import), asked in the item's turn.
    private async Task<KeyPairImportResult?> TryReplaceAsync(ItemScope item, KeyPairCreateRequest request, ParsedPublicKey key, NovaKeyPair stored, string? note)
    {
        var name = request.Name;
        if (!Force)
        {
            var error = ErrorMapper.Create(
                new InvalidOperationException($"The key pair '{name}' already exists with a different key (fingerprint {stored.Fingerprint}) than the one given ({key.NovaFingerprint})."),
                ErrorIds.KeyPairAlreadyExists, ErrorCategory.ResourceExists, name,
                $"Choose another -Name, or add -Force to replace the stored key (servers already built with it keep it in authorized_keys). Nothing was changed.");
            item.WriteError(WithFileNote(error, note));
            return null;
        }

        var what = Fingerprints.AreEqual(stored.Fingerprint, key.NovaFingerprint)
            ? $"the same key with another comment or description (fingerprint {stored.Fingerprint})"
            : $"another key (fingerprint {stored.Fingerprint})";
        if (!await item.ShouldProcessAsync(name, $"Replace the stored key pair, which holds {what}: delete it, then import {key.Algorithm} public key {key.Sha256Fingerprint ?? key.NovaFingerprint}").ConfigureAwait(false))
        {
            return null;
        }

        if (!await item.TryInvokeAsync(Session, (compute, cancellationToken) => compute.KeyPairs.DeleteAsync(name, request.UserId, cancellationToken), name, note).ConfigureAwait(false))
        {
            return null;
        }

        item.WriteVerbose($"Deleted the key pair '{name}' (fingerprint {stored.Fingerprint}) to replace it.");
        var result = await TryImportAsync(item, request, key, note).ConfigureAwait(false);
        if (result?.Outcome == KeyPairImportOutcome.Conflict)
        {
            item.WriteError(WithFileNote(ErrorMapper.Create(
                new InvalidOperationException($"The key pair '{name}' was deleted, but before the new key could be imported another key (fingerprint {result.KeyPair.Fingerprint}) was stored under that name."),
                ErrorIds.KeyPairAlreadyExists, ErrorCategory.ResourceExists, name,
                "Something else is writing key pairs under this name. Find out what, then run the command again."), note));
            return null;
        }

        return result;
    }

    // Every error about a key read from a file names the file, so one bad key in a folder import is easy to find.
    private static ErrorRecord WithFileNote(ErrorRecord error, string? note) =>
        note is null ? error : new MappedError(error, isTerminating: false).WithNote(note).Record;
}
