using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Vietnix.Keypairs.Internal;

/// <summary>One public key to handle: its text, the key pair name that goes with it (null when none was given), where it came from.</summary>
internal sealed record PublicKeySource(string? Name, string Text, string? File, KeyPair? KeyPair)
{
    /// <summary>What an error about this key names: its file, else its key pair name.</summary>
    public string? Target => File ?? Name;
}

/// <summary>How a command pairs key pair names with keys.</summary>
internal enum KeyNaming
{
    /// <summary>No names: the keys are only read (Get-VietnixPublicKeyInfo).</summary>
    None,

    /// <summary>Each key needs a name; one name may go with several keys (Test-VietnixKeyPair compares each).</summary>
    Required,

    /// <summary>Each key needs a name, and a name given with -Name takes exactly one key (Import-VietnixKeyPair).</summary>
    OneKeyPerName,
}

/// <summary>
/// Public key input as Import-VietnixKeyPair, Test-VietnixKeyPair and Get-VietnixPublicKeyInfo
/// take it, so all three bind and behave alike. The commands declare the parameters (PowerShell
/// reads them from the command's own properties) in three parameter sets:
/// <list type="bullet">
/// <item><see cref="TextSet"/>: -PublicKey as text; piped strings (Get-Content key.pub), which are
/// lines collected until the input ends so a multi-line certificate arrives whole; and piped
/// objects with Name and PublicKey properties (Import-Csv rows, key pairs from Get-VietnixKeyPair),
/// one key pair each.</item>
/// <item><see cref="PathSet"/> and <see cref="LiteralPathSet"/>: files; Get-ChildItem output binds to -LiteralPath.</item>
/// </list>
/// No parameter is mandatory and -LiteralPath's set is the default: then PowerShell prefers no set
/// before it sees the input, a file from Get-ChildItem binds -LiteralPath by its PSPath before
/// anything else, and a string binds -PublicKey by value before its PSPath note property is read.
/// (A mandatory parameter would make PowerShell choose a set on the command line and coerce a
/// file into key text.) Input given nowhere is an error here instead.
/// Create it in BeginProcessing, when the bound parameters are still only the command line's;
/// pass each record to <see cref="Read"/> and call <see cref="End"/> in EndProcessing.
/// </summary>
internal sealed class PublicKeyInput
{
    public const string TextSet = "PublicKey";
    public const string PathSet = "Path";
    public const string LiteralPathSet = "LiteralPath";

    private readonly PSCmdlet _cmdlet;
    private readonly KeyNaming _naming;
    private readonly string _purpose;
    private readonly HashSet<string> _commandLine;
    private readonly string? _givenName;
    private readonly List<string> _lines = [];
    private readonly List<PublicKeySource> _held = [];
    private int _failedInputs;
    private int _keysRead;

    /// <param name="cmdlet">The command, in its BeginProcessing.</param>
    /// <param name="naming">How names go with keys.</param>
    /// <param name="purpose">What the name is for, to complete "A key given as text needs the name of the key pair …".</param>
    public PublicKeyInput(PSCmdlet cmdlet, KeyNaming naming, string purpose = "")
    {
        _cmdlet = cmdlet;
        _naming = naming;
        _purpose = purpose;
        _commandLine = new HashSet<string>(cmdlet.MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        _givenName = cmdlet.MyInvocation.BoundParameters.TryGetValue("Name", out var name) ? name as string : null;
    }

    /// <summary>True when the parameter was given on the command line, not taken from a piped object.</summary>
    public bool GivenOnCommandLine(string parameter) => _commandLine.Contains(parameter);

    /// <summary>
    /// The keys one input record brings, to handle now. Piped lines, and with
    /// <see cref="KeyNaming.OneKeyPerName"/> everything that goes with a -Name, are kept for <see cref="End"/>.
    /// </summary>
    public IReadOnlyList<PublicKeySource> Read(string? name, string[]? publicKey, string[]? path, string[]? literalPath, KeyPair[]? keyPairs)
    {
        var sources = new List<PublicKeySource>();
        if (_cmdlet.ParameterSetName is PathSet or LiteralPathSet)
        {
            sources.AddRange(ReadFiles(name, path, literalPath, keyPairs));
        }
        else if (keyPairs is { Length: > 0 })
        {
            // A key pair from Get-VietnixKeyPair goes whole: its name unless -Name renames it.
            sources.AddRange(keyPairs.Select(keyPair => new PublicKeySource(_givenName ?? keyPair.Name, keyPair.PublicKey, null, keyPair)));
        }
        else if (publicKey is not null)
        {
            // Text from the command line, piped lines, and objects without a name of their own are
            // one text, read at the end. An object that names its key pair (its Name came with it,
            // not from the command line) is one key now.
            var perObject = _naming != KeyNaming.None && name is not null
                && !GivenOnCommandLine("Name") && !GivenOnCommandLine("PublicKey");
            if (perObject)
            {
                sources.Add(new PublicKeySource(name, string.Join("\n", publicKey.Where(line => line is not null)), null, null));
            }
            else
            {
                _lines.AddRange(publicKey.Where(line => line is not null));
            }
        }

        _keysRead += sources.Count;
        if (_naming == KeyNaming.OneKeyPerName && _givenName is not null)
        {
            _held.AddRange(sources);
            return [];
        }

        return sources;
    }

    /// <summary>
    /// The keys left for the end: the collected lines as one text (also when no input was given
    /// at all, so that gets its error), and what waited for -Name. Writes NameRequired when
    /// text has no name, and OneNameForManyKeys, refusing them all, when one -Name got several keys.
    /// </summary>
    public IReadOnlyList<PublicKeySource> End()
    {
        var sources = new List<PublicKeySource>(_held);
        if (_lines.Count > 0 || (_keysRead == 0 && _failedInputs == 0))
        {
            if (_naming != KeyNaming.None && _givenName is null)
            {
                PublicKeyFiles.WriteInOrder(_cmdlet, ErrorMapper.Create(
                    new ArgumentException($"A key given as text needs the name of the key pair {_purpose}: pass -Name."),
                    ErrorIds.NameRequired, ErrorCategory.InvalidArgument, null,
                    "Add -Name <name>, pipe objects with Name and PublicKey properties (Import-Csv, Get-VietnixKeyPair), or pass files with -Path or Get-ChildItem to name each key pair after its file. Nothing was sent."));
                return sources.Count == 0 ? [] : Refuse(sources);
            }

            sources.Add(new PublicKeySource(_givenName, string.Join("\n", _lines), null, null));
        }

        if (_naming == KeyNaming.OneKeyPerName && _givenName is not null && sources.Count + _failedInputs > 1)
        {
            return Refuse(sources);
        }

        return sources;
    }

    private IReadOnlyList<PublicKeySource> Refuse(IReadOnlyList<PublicKeySource> sources)
    {
        var given = sources.Select(source => source.File ?? source.KeyPair?.Name ?? "the key text").Distinct().ToList();
        var count = sources.Count + _failedInputs;
        PublicKeyFiles.WriteInOrder(_cmdlet, ErrorMapper.Create(
            new ArgumentException($"-Name '{_givenName}' can name only one key pair, but {count} keys were given ({string.Join(", ", given)}{(_failedInputs > 0 ? $", and {_failedInputs} that could not be read" : string.Empty)}), so none was imported."),
            ErrorIds.OneNameForManyKeys, ErrorCategory.InvalidArgument, _givenName,
            "Leave out -Name to name each key pair after its file (or the Name of each piped object), or import the keys one at a time. Nothing was sent."));
        return [];
    }

    private List<PublicKeySource> ReadFiles(string? name, string[]? path, string[]? literalPath, KeyPair[]? keyPairs)
    {
        // Get-ChildItem's files bring a Name of their own (id_ed25519.pub), which is the file's
        // name, not a key pair name: with piped files only -Name given on the command line
        // overrides each file's base name. A piped key pair (Get-VietnixKeyPair | Test-VietnixKeyPair
        // -Path x.pub) names the key pair its file goes with.
        var filesPiped = _cmdlet.ParameterSetName == LiteralPathSet && !GivenOnCommandLine("LiteralPath");
        var keyPairName = filesPiped && !GivenOnCommandLine("Name") ? null : name;
        var sources = new List<PublicKeySource>();
        var files = PublicKeyFiles.Resolve(_cmdlet, path, literalPath, out var unresolved);
        foreach (var file in files)
        {
            if (!PublicKeyFiles.TryRead(_cmdlet, file, out var text))
            {
                _failedInputs++;
                continue;
            }

            foreach (var keyPair in keyPairs is { Length: > 0 } ? keyPairs : new KeyPair?[] { null })
            {
                var keyName = _naming == KeyNaming.None ? null : keyPairName ?? keyPair?.Name ?? PublicKeyFiles.NameOf(file);
                sources.Add(new PublicKeySource(keyName, text, file, keyPair));
            }
        }

        _failedInputs += unresolved;
        return sources;
    }
}
