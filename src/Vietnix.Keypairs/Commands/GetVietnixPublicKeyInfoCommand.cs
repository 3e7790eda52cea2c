using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Reads public keys (OpenSSH lines, RFC 4716 blocks, PEM certificates, the public half of OpenSSH
/// private key files) and tells their algorithm,
/// size, comment and fingerprints, entirely offline: a check before an upload, or for comparing
/// with what ssh-keygen, Nova or a server's authorized_keys show.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VietnixPublicKeyInfo", DefaultParameterSetName = PublicKeyInput.LiteralPathSet)]
[OutputType(typeof(PublicKeyInfo))]
public sealed class GetVietnixPublicKeyInfoCommand : PSCmdlet
{
    private PublicKeyInput _input = null!;

    /// <summary>
    /// Key text, or the PublicKey property of piped objects (key pairs from Get-VietnixKeyPair);
    /// piped strings are lines, collected until the input ends, so a multi-line certificate arrives whole.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.TextSet)]
    [AllowEmptyString]
    public string[]? PublicKey { get; set; }

    [Parameter(ParameterSetName = PublicKeyInput.PathSet)]
    [SupportsWildcards]
    public string[]? Path { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = PublicKeyInput.LiteralPathSet)]
    [Alias("PSPath", "LP")]
    public string[]? LiteralPath { get; set; }

    protected override void BeginProcessing()
    {
        DeferredFormatData.EnsureLoaded(this);
        _input = new PublicKeyInput(this, KeyNaming.None);
    }

    protected override void ProcessRecord() => DescribeAll(_input.Read(null, PublicKey, Path, LiteralPath, null));

    protected override void EndProcessing() => DescribeAll(_input.End());

    private void DescribeAll(IReadOnlyList<PublicKeySource> sources)
    {
        foreach (var source in sources)
        {
            Describe(source.Text, source.File);
        }
    }

    private void Describe(string text, string? file)
    {
        IReadOnlyList<ParsedPublicKey> keys;
        try
        {
            keys = OpenSshPrivateKeyReader.PublicKeysIn(text);
        }
        catch (PublicKeyFormatException exception)
        {
            WriteError((file is null ? ErrorMapper.MapPublicKeyText(exception, text, null) : ErrorMapper.Map(exception, file).WithNote($"File: {file}.")).Record);
            return;
        }

        foreach (var key in keys)
        {
            // A certificate has no MD5 or SHA256 fingerprint, only SHA-1: its own table view shows that one.
            var info = From(key, file);
            WriteObject(key.Kind == PublicKeyKind.Ssh ? info : FormatViews.WithViewOf(info, "X509"));
        }
    }

    private static PublicKeyInfo From(ParsedPublicKey key, string? file)
    {
        var isSsh = key.Kind == PublicKeyKind.Ssh;
        return new PublicKeyInfo(isSsh ? KeyPairType.Ssh : KeyPairType.X509, key.Text)
        {
            Algorithm = key.KeyAlgorithm,
            KeySize = key.KeySize,
            Comment = key.Comment,
            Description = isSsh ? KeyDescription.Extract(key.Text) : null,
            Fingerprint = key.NovaFingerprint,
            Md5Fingerprint = isSsh ? key.NovaFingerprint : null,
            Sha256Fingerprint = key.Sha256Fingerprint,
            Sha1Fingerprint = isSsh ? null : key.NovaFingerprint,
            Path = file,
        };
    }
}
