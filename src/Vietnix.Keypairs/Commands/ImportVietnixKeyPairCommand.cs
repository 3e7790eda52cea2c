using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
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
public sealed class ImportVietnixKeyPairCommand : KeyPairCmdlet
{
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

    protected override void ProcessRecord() => ImportAll(_input.Read(Name, PublicKey, Path, LiteralPath, InputObject));

    protected override void EndProcessing()
    {
        try
        {
            ImportAll(_input.End());
        }
        finally
        {
            // Revokes a sign-in this command made for itself.
            base.EndProcessing();
        }
    }

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
            var error = ErrorMapper.Map(exception, source.Target);
            Report(source.File is null ? error : error.WithNote($"File: {source.File}."));
            return false;
        }

        if (!string.IsNullOrEmpty(Description))
        {
            if (key.Kind != PublicKeyKind.Ssh)
            {
                WriteError(ErrorMapper.Create(
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
                WriteError(ErrorMapper.Create(exception, ErrorIds.DescriptionNeedsSshKey, ErrorCategory.InvalidArgument, source.Target, "Give -Description as one line of text. Nothing was sent."));
                return false;
            }
        }

        var keyType = key.Kind == PublicKeyKind.X509Certificate ? KeyPairType.X509 : KeyPairType.Ssh;
        if (Type is { } declared && declared != keyType)
        {
            WriteError(ErrorMapper.Create(
                new ArgumentException($"-Type {declared} was given, but the key for '{name}'{from} is {(keyType == KeyPairType.X509 ? "an X.509 certificate" : "an ssh public key")}."),
                ErrorIds.KeyTypeMismatch, ErrorCategory.InvalidArgument, source.Target,
                "Leave out -Type: the type follows the key. Nothing was sent."));
            return false;
        }

        return true;
    }

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
        if (!TryCheck(Session, (client, cancellationToken) => client.CheckCreateAsync(request, cancellationToken), name, note))
        {
            return;
        }

        // With -Force, read the name first, so that the one confirmation (and -WhatIf) says
        // whether a stored key pair would be deleted and replaced.
        NovaKeyPair? stored = null;
        if (Force && !TryInvoke(Session, (client, cancellationToken) => client.FindAsync(name, request.UserId, cancellationToken), name, out stored, failureNote: note))
        {
            return;
        }

        KeyPairImportResult result;
        if (stored is not null)
        {
            if (IsSameKeyAndText(stored, key))
            {
                WriteUnchanged(name, fingerprint, stored, key, request.UserId);
                return;
            }

            if (!TryReplace(request, key, stored, note, out result))
            {
                return;
            }
        }
        else
        {
            if (!ShouldProcess(name, $"Import {key.Algorithm} public key {fingerprint}"))
            {
                return;
            }

            if (!TryImport(request, key, note, out result))
            {
                return;
            }

            // Stored meanwhile by someone else (or found without -Force): an error, or with -Force a replacement.
            if (result.Outcome == KeyPairImportOutcome.Conflict && !TryReplace(request, key, result.KeyPair, note, out result))
            {
                return;
            }
        }

        if (result.Outcome == KeyPairImportOutcome.Unchanged)
        {
            WriteUnchanged(name, fingerprint, result.KeyPair, key, request.UserId);
            return;
        }

        if (!Fingerprints.AreEqual(result.KeyPair.Fingerprint, key.NovaFingerprint))
        {
            WriteError(ErrorMapper.Create(
                new InvalidDataException($"The key pair '{name}' was imported, but the server's fingerprint {result.KeyPair.Fingerprint} differs from the local fingerprint {key.NovaFingerprint} of the key that was sent."),
                ErrorIds.FingerprintMismatch, ErrorCategory.InvalidResult, name,
                $"The stored key may not be the one you sent. Inspect it with Get-VietnixKeyPair -Name '{name}', and remove it if it is wrong."));
            return;
        }

        var imported = KeyPairFactory.From(result.KeyPair, request.UserId);
        imported.Origin = KeyPairOrigin.Imported;
        WriteObject(imported);
    }

    private static bool IsSameKeyAndText(NovaKeyPair stored, ParsedPublicKey key) =>
        Fingerprints.AreEqual(stored.Fingerprint, key.NovaFingerprint)
        && string.Equals(stored.PublicKey.Trim(), key.Text.Trim(), StringComparison.Ordinal);

    private void WriteUnchanged(string name, string fingerprint, NovaKeyPair stored, ParsedPublicKey key, string? userId)
    {
        // Nova cannot change a key pair, and the same key with another comment (or
        // -Description) is still the same key: say so rather than let it pass unnoticed.
        if (!string.Equals(stored.PublicKey.Trim(), key.Text.Trim(), StringComparison.Ordinal))
        {
            WriteWarning($"'{name}' already holds this key ({fingerprint}) with another comment or description; nothing changed. Add -Force to replace the key pair with the new text (it is deleted, then imported again).");
        }

        WriteVerbose($"'{name}' already holds this key ({fingerprint}): nothing changed.");
        WriteObject(KeyPairFactory.From(stored, userId));
    }

    private bool TryImport(KeyPairCreateRequest request, ParsedPublicKey key, string? note, out KeyPairImportResult result)
    {
        if (!TryInvoke(Session, (client, cancellationToken) => new KeyPairImporter(client, Session.Retries, Session.Log).ImportAsync(request, key.NovaFingerprint, cancellationToken), request.Name, out result, failureNote: note))
        {
            return false;
        }

        if (result.ResponseWasLost)
        {
            WriteVerbose($"The answer to the import of '{request.Name}' was lost on the way back; reading the key pair back showed {(result.Outcome == KeyPairImportOutcome.Conflict ? "a different key under that name" : "the key stored once, as sent")}.");
        }

        return true;
    }

    // The name holds another key, or (with -Force) the same key with other text: an error without
    // -Force for another key; with -Force, replace it (delete, then import).
    private bool TryReplace(KeyPairCreateRequest request, ParsedPublicKey key, NovaKeyPair stored, string? note, out KeyPairImportResult result)
    {
        result = null!;
        var name = request.Name;
        if (!Force)
        {
            var error = ErrorMapper.Create(
                new InvalidOperationException($"The key pair '{name}' already exists with a different key (fingerprint {stored.Fingerprint}) than the one given ({key.NovaFingerprint})."),
                ErrorIds.KeyPairAlreadyExists, ErrorCategory.ResourceExists, name,
                $"Choose another -Name, or add -Force to replace the stored key (servers already built with it keep it in authorized_keys). Nothing was changed.");
            WriteError(note is null ? error : new MappedError(error, false).WithNote(note).Record);
            return false;
        }

        var what = Fingerprints.AreEqual(stored.Fingerprint, key.NovaFingerprint)
            ? $"the same key with another comment or description (fingerprint {stored.Fingerprint})"
            : $"another key (fingerprint {stored.Fingerprint})";
        if (!ShouldProcess(name, $"Replace the stored key pair, which holds {what}: delete it, then import {key.Algorithm} public key {key.Sha256Fingerprint ?? key.NovaFingerprint}"))
        {
            return false;
        }

        if (!TryInvoke(Session, (client, cancellationToken) => client.DeleteAsync(name, request.UserId, cancellationToken), name, failureNote: note))
        {
            return false;
        }

        WriteVerbose($"Deleted the key pair '{name}' (fingerprint {stored.Fingerprint}) to replace it.");
        if (!TryImport(request, key, note, out result))
        {
            return false;
        }

        if (result.Outcome == KeyPairImportOutcome.Conflict)
        {
            WriteError(ErrorMapper.Create(
                new InvalidOperationException($"The key pair '{name}' was deleted, but before the new key could be imported another key (fingerprint {result.KeyPair.Fingerprint}) was stored under that name."),
                ErrorIds.KeyPairAlreadyExists, ErrorCategory.ResourceExists, name,
                "Something else is writing key pairs under this name. Find out what, then run the command again."));
            return false;
        }

        return true;
    }
}
