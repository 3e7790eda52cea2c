using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Imports public keys: piped lines (Get-Content key.pub), a string, or files (-Path, or
/// Get-ChildItem *.pub). Each key is validated, normalised and fingerprinted locally before it is
/// sent, and the server's fingerprint is checked against the local one.
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
    public string[] Path { get; set; } = null!;

    /// <summary>Key files, taken literally; Get-ChildItem output binds here.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = null!;

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

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case PublicKeySet:
                _pipedLines.AddRange(PublicKey.Where(line => line is not null));
                break;
            case PathSet:
                ImportFiles(Path.SelectMany(ResolveWildcardPath).ToList());
                break;
            default:
                ImportFiles(LiteralPath.Select(ResolveLiteralPath).OfType<string>().ToList());
                break;
        }
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
            var name = Name ?? System.IO.Path.GetFileNameWithoutExtension(file);
            if (Name is not null && ++_filesImported > 1)
            {
                WriteError(ErrorMapper.Create(
                    new ArgumentException($"-Name '{Name}' can name only one key, so '{file}' was not imported."),
                    ErrorIds.OneNameForManyKeys, ErrorCategory.InvalidArgument, file,
                    "Leave out -Name to name each key pair after its file, or import the files one at a time."));
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorMapper.Create(exception, ErrorIds.PublicKeyFileUnreadable, ErrorCategory.ReadError, file));
                continue;
            }

            if (TryParse(text, name, out var key))
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
        if (!TryInvoke(Session, (client, cancellationToken) => client.CreateAsync(request, cancellationToken), name, out var imported))
        {
            return;
        }

        if (!Fingerprints.AreEqual(imported.Fingerprint, key.NovaFingerprint))
        {
            WriteError(ErrorMapper.Create(
                new InvalidDataException($"The key pair '{name}' was imported, but the server's fingerprint {imported.Fingerprint} differs from the local fingerprint {key.NovaFingerprint} of the key that was sent."),
                ErrorIds.FingerprintMismatch, ErrorCategory.InvalidResult, name,
                $"The stored key may not be the one you sent. Inspect it with Get-VietnixKeyPair -Name '{name}', and remove it if it is wrong."));
            return;
        }

        WriteObject(KeyPairFactory.From(imported, request.UserId));
    }

    private IEnumerable<string> ResolveWildcardPath(string path)
    {
        List<string> files;
        try
        {
            files = GetResolvedProviderPathFromPSPath(path, out _).Where(File.Exists).ToList();
        }
        catch (ItemNotFoundException)
        {
            files = [];
        }

        if (files.Count == 0)
        {
            WriteError(ErrorMapper.Create(new ItemNotFoundException($"No public key file matches '{path}'."), ErrorIds.PublicKeyFileNotFound, ErrorCategory.ObjectNotFound, path));
        }

        return files;
    }

    private string? ResolveLiteralPath(string path)
    {
        var file = GetUnresolvedProviderPathFromPSPath(path);
        if (File.Exists(file))
        {
            return file;
        }

        var problem = Directory.Exists(file) ? $"'{file}' is a folder, not a public key file." : $"The public key file '{file}' does not exist.";
        WriteError(ErrorMapper.Create(new ItemNotFoundException(problem), ErrorIds.PublicKeyFileNotFound, ErrorCategory.ObjectNotFound, path));
        return null;
    }
}
