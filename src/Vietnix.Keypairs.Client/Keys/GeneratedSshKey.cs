using System;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// A key pair made on this machine: the public line for Nova and the private key file for the
/// user. Dispose it as soon as the file is written, so the private key does not stay in memory.
/// </summary>
internal sealed class GeneratedSshKey : IDisposable
{
    private readonly byte[] _privateKeyFileContent;
    private bool _disposed;

    internal GeneratedSshKey(SshKeyAlgorithm algorithm, int keySize, string publicKeyLine, ParsedPublicKey publicKey, byte[] privateKeyFileContent)
    {
        Algorithm = algorithm;
        KeySize = keySize;
        PublicKeyLine = publicKeyLine;
        PublicKey = publicKey;
        _privateKeyFileContent = privateKeyFileContent;
    }

    public SshKeyAlgorithm Algorithm { get; }

    /// <summary>Modulus size (RSA) or curve size (ECDSA, Ed25519) in bits.</summary>
    public int KeySize { get; }

    /// <summary>"type base64 comment" as in a .pub file, without a line end; without the comment when it is empty.</summary>
    public string PublicKeyLine { get; }

    /// <summary><see cref="PublicKeyLine"/> parsed as an import would parse it, with its fingerprints.</summary>
    public ParsedPublicKey PublicKey { get; }

    /// <summary>
    /// The "openssh-key-v1" file as ssh-keygen writes it (unencrypted as with -N '', or encrypted
    /// with the passphrase it was generated with): ASCII, LF line ends, a final LF, no byte order mark. The array itself, not a copy, so Dispose can clear it; after
    /// Dispose reading it throws rather than hand out a zeroed key.
    /// </summary>
    public byte[] PrivateKeyFileContent =>
        _disposed ? throw new ObjectDisposedException(nameof(GeneratedSshKey), "The private key was cleared from memory when this key was disposed.") : _privateKeyFileContent;

    /// <summary>Overwrites the private key file content with zeros.</summary>
    public void Dispose()
    {
        Array.Clear(_privateKeyFileContent, 0, _privateKeyFileContent.Length);
        _disposed = true;
    }
}
