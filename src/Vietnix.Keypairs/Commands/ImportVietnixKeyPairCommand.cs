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
[Cmdlet(VerbsData.Import, "VietnixKeyPair", DefaultParameterSetName = PublicKeySet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KeyPair))]
public sealed class ImportVietnixKeyPairCommand : KeyPairCmdlet
{
    private const string PublicKeySet = "PublicKey";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<string> _pipedLines = [];
    private int _filesImported;

    // Not mandatory even for key text: a mandatory non-pipeline parameter in the default set would
    // make PowerShell pick that set (and prompt) before Get-ChildItem's files could bind to
    // -LiteralPath. EndProcessing asks for it instead.
    [Parameter(Position = 0, ParameterSetName = PublicKeySet)]
    [Parameter(Position = 0, ParameterSetName = PathSet)]
    [Parameter(Position = 0, ParameterSetName = LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>
    /// The key text. Piped lines are collected until the input ends, so a multi-line PEM
    /// certificate from Get-Content arrives whole.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PublicKeySet)]
    [AllowEmptyString]
    public string[] PublicKey { get; set; } = null!;

    /// <summary>Key files; wildcards allowed. The key pair name defaults to the file's base name.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    public string[]? Path { get; set; }

    /// <summary>Key files, taken literally; Get-ChildItem output binds here.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    public string[]? LiteralPath { get; set; }

    /// <summary>Stored after "VSTOR-KEY-DESC:" in the key's comment; the key material is unchanged.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    /// <summary>Ssh or X509; by default it follows the key (a PEM certificate is X509).</summary>
    [Parameter]
    public KeyPairType? Type { get; set; }

    /// <summary>Import for another user (admin only; microversion 2.10 or later).</summary>
    [Parameter]
    public string? UserId { get; set; }

    /// <summary>
    /// Replace a key pair of the same name that holds a different key: delete it, then import.
    /// Without it that is an error; the same key under the name is always a success that changes nothing.
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PublicKeySet)
        {
            _pipedLines.AddRange(PublicKey.Where(line => line is not null));
            return;
        }

        ImportFiles(PublicKeyFiles.Resolve(this, Path, LiteralPath));
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName != PublicKeySet)
        {
            return;
        }

        if (Name is null)
        {
            WriteError(ErrorMapper.Create(
                new ArgumentException("A key given as text needs a name: pass -Name."),
                ErrorIds.NameRequired, ErrorCategory.InvalidArgument, null,
                "Add -Name <name>, or pass files with -Path or Get-ChildItem to name each key pair after its file. Nothing was sent."));
            return;
        }

        // A stream holding several keys under one -Name is refused whole, before anything is sent.
        if (TryParse(string.Join("\n", _pipedLines), Name, out var key))
        {
            Import(Name, key);
        }
    }

    private void ImportFiles(IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            var name = Name ?? PublicKeyFiles.NameOf(file);
            if (Name is not null && ++_filesImported > 1)
            {
                WriteError(ErrorMapper.Create(
                    new ArgumentException($"-Name '{Name}' can name only one key, so '{file}' was not imported."),
                    ErrorIds.OneNameForManyKeys, ErrorCategory.InvalidArgument, file,
                    "Leave out -Name to name each key pair after its file, or import the files one at a time."));
                continue;
            }

            if (PublicKeyFiles.TryRead(this, file, out var text) && TryParse(text, name, out var key))
            {
                Import(name, key);
            }
        }
    }

    private bool TryParse(string text, string name, out ParsedPublicKey key)
    {
        key = null!;
        try
        {
            key = PublicKeyText.ParseSingle(text);
        }
        catch (PublicKeyFormatException exception)
        {
            Report(ErrorMapper.Map(exception, name));
            return false;
        }

        if (Description is not null)
        {
            if (key.Kind != PublicKeyKind.Ssh)
            {
                WriteError(ErrorMapper.Create(
                    new ArgumentException($"The key for '{name}' is an X.509 certificate, which has no comment to hold a description."),
                    ErrorIds.DescriptionNeedsSshKey, ErrorCategory.InvalidArgument, name,
                    "Leave out -Description for certificates. Nothing was sent."));
                return false;
            }

            try
            {
                key = KeyDescription.Apply(key, Description);
            }
            catch (PublicKeyFormatException exception)
            {
                WriteError(ErrorMapper.Create(exception, ErrorIds.DescriptionNeedsSshKey, ErrorCategory.InvalidArgument, name, "Give -Description as one line of text. Nothing was sent."));
                return false;
            }
        }

        var keyType = key.Kind == PublicKeyKind.X509Certificate ? KeyPairType.X509 : KeyPairType.Ssh;
        if (Type is { } declared && declared != keyType)
        {
            WriteError(ErrorMapper.Create(
                new ArgumentException($"-Type {declared} was given, but the key for '{name}' is {(keyType == KeyPairType.X509 ? "an X.509 certificate" : "an ssh public key")}."),
                ErrorIds.KeyTypeMismatch, ErrorCategory.InvalidArgument, name,
                "Leave out -Type: the type follows the key. Nothing was sent."));
            return false;
        }

        return true;
    }

    private void Import(string name, ParsedPublicKey key)
    {
        var fingerprint = key.Sha256Fingerprint ?? key.NovaFingerprint;
        if (!ShouldProcess(name, $"Import {key.Algorithm} public key {fingerprint}"))
        {
            return;
        }

        var request = new KeyPairCreateRequest(name)
        {
            PublicKey = key.Text,
            Type = key.Kind == PublicKeyKind.X509Certificate ? NovaKeyType.X509 : Type is null ? null : NovaKeyType.Ssh,
            UserId = string.IsNullOrEmpty(UserId) ? null : UserId,
        };
        if (!TryImport(request, key, out var result))
        {
            return;
        }

        if (result.Outcome == KeyPairImportOutcome.Conflict && !TryReplace(request, key, result.KeyPair, out result))
        {
            return;
        }

        if (result.Outcome == KeyPairImportOutcome.Unchanged)
        {
            // Nova cannot change a key pair, and the same key with another comment (or
            // -Description) is still the same key: say so rather than let it pass unnoticed.
            if (!string.Equals(result.KeyPair.PublicKey.Trim(), key.Text.Trim(), StringComparison.Ordinal))
            {
                WriteWarning($"'{name}' already holds this key ({fingerprint}) with another comment or description; nothing changed. To store the new text, remove the key pair and import it again.");
            }

            WriteVerbose($"'{name}' already holds this key ({fingerprint}): nothing changed.");
            WriteObject(KeyPairFactory.From(result.KeyPair, request.UserId));
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

    private bool TryImport(KeyPairCreateRequest request, ParsedPublicKey key, out KeyPairImportResult result)
    {
        if (!TryInvoke(Session, (client, cancellationToken) => new KeyPairImporter(client, Session.Retries, Session.Log).ImportAsync(request, key.NovaFingerprint, cancellationToken), request.Name, out result))
        {
            return false;
        }

        if (result.ResponseWasLost)
        {
            WriteVerbose($"The answer to the import of '{request.Name}' was lost on the way back; reading the key pair back showed {(result.Outcome == KeyPairImportOutcome.Conflict ? "a different key under that name" : "the key stored once, as sent")}.");
        }

        return true;
    }

    // The name holds another key: an error, unless -Force allows replacing it (delete, then import).
    private bool TryReplace(KeyPairCreateRequest request, ParsedPublicKey key, NovaKeyPair stored, out KeyPairImportResult result)
    {
        result = null!;
        var name = request.Name;
        if (!Force)
        {
            WriteError(ErrorMapper.Create(
                new InvalidOperationException($"The key pair '{name}' already exists with a different key (fingerprint {stored.Fingerprint}) than the one given ({key.NovaFingerprint})."),
                ErrorIds.KeyPairAlreadyExists, ErrorCategory.ResourceExists, name,
                $"Choose another -Name, or add -Force to replace the stored key (servers already built with it keep it in authorized_keys). Nothing was changed."));
            return false;
        }

        if (!ShouldProcess(name, $"Replace the stored key pair (fingerprint {stored.Fingerprint}): delete it, then import {key.Algorithm} public key {key.Sha256Fingerprint ?? key.NovaFingerprint}"))
        {
            return false;
        }

        if (!TryInvoke(Session, (client, cancellationToken) => client.DeleteAsync(name, request.UserId, cancellationToken), name))
        {
            return false;
        }

        WriteVerbose($"Deleted the key pair '{name}' (fingerprint {stored.Fingerprint}) to replace it.");
        if (!TryImport(request, key, out result))
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
