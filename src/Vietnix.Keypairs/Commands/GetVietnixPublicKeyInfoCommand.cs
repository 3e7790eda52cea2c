using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Reads public keys (OpenSSH lines, RFC 4716 blocks, PEM certificates) and tells their algorithm,
/// size, comment and fingerprints, entirely offline: a check before an upload, or for comparing
/// with what ssh-keygen, Nova or a server's authorized_keys show.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VietnixPublicKeyInfo", DefaultParameterSetName = PublicKeySet)]
[OutputType(typeof(PublicKeyInfo))]
public sealed class GetVietnixPublicKeyInfoCommand : PSCmdlet
{
    private const string PublicKeySet = "PublicKey";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<string> _pipedLines = [];

    /// <summary>Key text; piped lines are collected until the input ends, so a multi-line certificate arrives whole.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PublicKeySet)]
    [AllowEmptyString]
    public string[] PublicKey { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    public string[]? Path { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    public string[]? LiteralPath { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var file in PublicKeyFiles.Resolve(this, Path, LiteralPath))
        {
            if (PublicKeyFiles.TryRead(this, file, out var text))
            {
                Describe(text, file);
            }
        }

        if (ParameterSetName == PublicKeySet)
        {
            _pipedLines.AddRange(PublicKey.Where(line => line is not null));
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == PublicKeySet)
        {
            Describe(string.Join("\n", _pipedLines), file: null);
        }
    }

    private void Describe(string text, string? file)
    {
        IReadOnlyList<ParsedPublicKey> keys;
        try
        {
            keys = PublicKeyText.ParseAll(text);
        }
        catch (PublicKeyFormatException exception)
        {
            WriteError(ErrorMapper.Map(exception, file).Record);
            return;
        }

        foreach (var key in keys)
        {
            WriteObject(From(key, file));
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
