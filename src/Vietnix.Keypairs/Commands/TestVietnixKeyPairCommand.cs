using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Compares a local public key with the key pair the server stores under a name, by fingerprint:
/// the check that an upload arrived intact, or that a server's key is still the one on disk.
/// Returns $true or $false; -Detailed returns what was compared.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "VietnixKeyPair", DefaultParameterSetName = PublicKeySet)]
[OutputType(typeof(bool), typeof(KeyPairComparison))]
public sealed class TestVietnixKeyPairCommand : KeyPairCmdlet
{
    private const string PublicKeySet = "PublicKey";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<string> _pipedLines = [];

    /// <summary>The key pair on the server; for files it defaults to the file's base name.</summary>
    [Parameter(Position = 0, ParameterSetName = PublicKeySet)]
    [Parameter(Position = 0, ParameterSetName = PathSet)]
    [Parameter(Position = 0, ParameterSetName = LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The local key's text; piped lines are collected until the input ends.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PublicKeySet)]
    [AllowEmptyString]
    public string[] PublicKey { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    public string[]? Path { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    public string[]? LiteralPath { get; set; }

    /// <summary>Compare with another user's key pair (admin only; microversion 2.10 or later).</summary>
    [Parameter]
    public string? UserId { get; set; }

    /// <summary>Return a KeyPairComparison (status and both fingerprints) instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var file in PublicKeyFiles.Resolve(this, Path, LiteralPath))
        {
            if (PublicKeyFiles.TryRead(this, file, out var text))
            {
                Compare(Name ?? PublicKeyFiles.NameOf(file), text, file);
            }
        }

        if (ParameterSetName == PublicKeySet)
        {
            _pipedLines.AddRange(PublicKey.Where(line => line is not null));
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
                new ArgumentException("A key given as text needs the name of the key pair to compare it with: pass -Name."),
                ErrorIds.NameRequired, ErrorCategory.InvalidArgument, null,
                "Add -Name <name>, or pass files with -Path or Get-ChildItem to compare each with the key pair named after its file."));
            return;
        }

        Compare(Name, string.Join("\n", _pipedLines), file: null);
    }

    private void Compare(string name, string text, string? file)
    {
        ParsedPublicKey local;
        try
        {
            local = PublicKeyText.ParseSingle(text);
        }
        catch (PublicKeyFormatException exception)
        {
            Report(ErrorMapper.Map(exception, file ?? name));
            return;
        }

        var userId = string.IsNullOrEmpty(UserId) ? null : UserId;
        if (!TryInvoke(Session, (client, cancellationToken) => client.FindAsync(name, userId, cancellationToken), name, out var stored))
        {
            return;
        }

        var status = stored is null ? KeyPairComparisonStatus.NotFound
            : Fingerprints.AreEqual(stored.Fingerprint, local.NovaFingerprint) ? KeyPairComparisonStatus.Match
            : KeyPairComparisonStatus.Mismatch;
        WriteVerbose(status switch
        {
            KeyPairComparisonStatus.NotFound => $"The server has no key pair named '{name}'.",
            KeyPairComparisonStatus.Match => $"'{name}' holds the local key ({local.Sha256Fingerprint ?? local.NovaFingerprint}).",
            _ => $"'{name}' holds another key: the server's fingerprint is {stored!.Fingerprint}, the local key's {local.NovaFingerprint}.",
        });

        if (!Detailed)
        {
            WriteObject(status == KeyPairComparisonStatus.Match);
            return;
        }

        WriteObject(new KeyPairComparison(name, status, local.NovaFingerprint)
        {
            ServerFingerprint = stored?.Fingerprint,
            LocalSha256Fingerprint = local.Sha256Fingerprint,
            ServerSha256Fingerprint = stored is null ? null : KeyPairFactory.From(stored, userId).Sha256Fingerprint,
            Algorithm = local.KeyAlgorithm,
            Path = file,
            UserId = userId,
        });
    }
}
