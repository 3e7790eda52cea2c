using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Completion;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Compares a local public key with the key pair the server stores under a name, by fingerprint:
/// the check that an upload arrived intact, or that a server's key is still the one on disk.
/// Returns $true or $false; -Detailed returns what was compared.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "VietnixKeyPair", DefaultParameterSetName = PublicKeyInput.LiteralPathSet)]
[OutputType(typeof(bool), typeof(KeyPairComparison))]
public sealed class TestVietnixKeyPairCommand : KeyPairCmdlet
{
    private PublicKeyInput _input = null!;

    /// <summary>The key pair on the server; for files it defaults to the file's base name.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.PathSet)]
    [Parameter(Position = 0, ParameterSetName = PublicKeyInput.LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KeyPairNameCompleter))]
    public string? Name { get; set; }

    /// <summary>The local key's text, or the PublicKey property of piped objects; piped strings are lines, collected until the input ends.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [AllowEmptyString]
    public string[]? PublicKey { get; set; }

    [Parameter(ParameterSetName = PublicKeyInput.PathSet)]
    [SupportsWildcards]
    public string[]? Path { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.LiteralPathSet)]
    [Alias("PSPath", "LP")]
    public string[]? LiteralPath { get; set; }

    /// <summary>
    /// Key pairs from Get-VietnixKeyPair: with -Path, the key pair each file is
    /// compared with (Get-VietnixKeyPair -Name x | Test-VietnixKeyPair -Path x.pub).
    /// </summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = PublicKeyInput.PathSet)]
    public KeyPair[]? InputObject { get; set; }

    /// <summary>Compare with another user's key pair (admin only; microversion 2.10 or later).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.PathSet)]
    [Parameter(ParameterSetName = PublicKeyInput.LiteralPathSet)]
    public string? UserId { get; set; }

    /// <summary>Return a KeyPairComparison (status and both fingerprints) instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void BeginProcessing()
    {
        _input = new PublicKeyInput(this, KeyNaming.Required, "to compare it with");
        base.BeginProcessing();
    }

    protected override void ProcessRecord() => CompareAll(_input.Read(Name, PublicKey, Path, LiteralPath, InputObject));

    protected override void EndProcessing()
    {
        try
        {
            CompareAll(_input.End());
        }
        finally
        {
            // Revokes a sign-in this command made for itself.
            base.EndProcessing();
        }
    }

    private void CompareAll(IReadOnlyList<PublicKeySource> sources)
    {
        foreach (var source in sources)
        {
            Compare(source);
        }
    }

    private void Compare(PublicKeySource source)
    {
        var (name, file) = (source.Name!, source.File);
        ParsedPublicKey local;
        try
        {
            local = OpenSshPrivateKeyReader.PublicKeyIn(source.Text);
        }
        catch (PublicKeyFormatException exception)
        {
            Report(source.File is null ? ErrorMapper.MapPublicKeyText(exception, source.Text, source.Target) : ErrorMapper.Map(exception, source.Target));
            return;
        }

        // A piped key pair is compared for the user it was read for, not by the owner id it carries.
        var userId = source.KeyPair is { } keyPair && !_input.GivenOnCommandLine(nameof(UserId)) ? keyPair.RequestedUserId
            : string.IsNullOrEmpty(UserId) ? null : UserId;
        if (!TryInvoke(Session, (compute, cancellationToken) => compute.KeyPairs.FindAsync(name, userId, cancellationToken), name, out var stored))
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

        var comparison = new KeyPairComparison(name, status, local.NovaFingerprint)
        {
            ServerFingerprint = stored?.Fingerprint,
            LocalSha256Fingerprint = local.Sha256Fingerprint,
            ServerSha256Fingerprint = stored is null ? null : KeyPairFactory.From(stored, userId).Sha256Fingerprint,
            Algorithm = local.KeyAlgorithm,
            Path = file,
            UserId = userId,
        };

        // A certificate's SHA-1 fingerprint is longer than an MD5 one: its own table view keeps it whole.
        WriteObject(local.Kind == PublicKeyKind.Ssh ? comparison : FormatViews.WithViewOf(comparison, "X509"));
    }
}
