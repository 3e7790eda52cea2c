using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// A passphrase for a private key file, and how it encrypts the file as <c>ssh-keygen -N</c> does:
/// the key and IV of AES-256 in CTR mode come from bcrypt_pbkdf over the passphrase (UTF-8, as a
/// terminal sends it) and a fresh 16-byte salt, in <see cref="Rounds"/> rounds. It keeps its own
/// read-only copy of the passphrase; the plain bytes exist only while a key is derived.
/// </summary>
internal sealed class PrivateKeyPassphrase : IDisposable
{
    /// <summary>ssh-keygen's number of rounds when -a is not given.</summary>
    public const int DefaultRounds = 16;

    /// <summary>
    /// The most rounds accepted: about a minute of derivation on a small machine, far beyond what
    /// anyone uses (ssh-keygen's manual suggests 100 as high), so a mistyped number fails at once
    /// instead of hanging the command.
    /// </summary>
    public const int MaximumRounds = 4096;

    internal const string CipherName = "aes256-ctr";
    internal const string KdfName = "bcrypt";

    /// <summary>The cipher's block size, to which the private section is padded.</summary>
    internal const int BlockSize = 16;

    internal const int SaltLength = 16;

    private const int KeyLength = 32;
    private const int IvLength = 16;

    private readonly SecureString _passphrase;

    public PrivateKeyPassphrase(SecureString passphrase, int rounds = DefaultRounds)
    {
        if (passphrase is null || passphrase.Length == 0)
        {
            throw new ArgumentException("The passphrase is empty. To save the key unencrypted, leave the passphrase out.", nameof(passphrase));
        }

        if (rounds < 1 || rounds > MaximumRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"The number of key derivation rounds must be 1 to {MaximumRounds}; ssh-keygen uses {DefaultRounds}.");
        }

        _passphrase = ReadOnlySecret.Require(passphrase, nameof(passphrase));
        Rounds = rounds;
    }

    /// <summary>bcrypt_pbkdf rounds: each one costs an attacker, and the owner at every use, the same time.</summary>
    public int Rounds { get; }

    /// <summary>
    /// The file content for a private key the server generated (Nova's PEM, for <paramref name="publicKey"/>):
    /// the same key as an openssh-key-v1 file encrypted with this passphrase, so the unencrypted key never
    /// reaches a disk. A PEM that is not an RSA key, or not the key of <paramref name="publicKey"/>, throws
    /// <see cref="FormatException"/>.
    /// </summary>
    public byte[] EncryptServerKey(string pem, ParsedPublicKey publicKey) => OpenSshPrivateKeyEncoder.FromPem(pem, publicKey, this);

    /// <summary>A new random salt for one file.</summary>
    internal static byte[] NewSalt()
    {
        var salt = new byte[SaltLength];
        new SecureRandom().NextBytes(salt);
        return salt;
    }

    /// <summary>
    /// Encrypts <paramref name="privateSection"/> (a whole number of blocks) in place with the key
    /// and IV derived with <paramref name="salt"/>. CTR mode is its own inverse, so the same call decrypts.
    /// </summary>
    internal void Encrypt(byte[] privateSection, byte[] salt)
    {
        if (privateSection.Length % BlockSize != 0)
        {
            throw new ArgumentException($"The private section must be padded to {BlockSize}-byte blocks.", nameof(privateSection));
        }

        var keyAndIv = DeriveKeyAndIv(salt);
        try
        {
            // BouncyCastle's AES engine keeps its own expanded key; it becomes garbage with the cipher.
            var cipher = new SicBlockCipher(AesUtilities.CreateEngine());
            cipher.Init(true, new ParametersWithIV(new KeyParameter(keyAndIv, 0, KeyLength), keyAndIv, KeyLength, IvLength));
            for (var offset = 0; offset < privateSection.Length; offset += BlockSize)
            {
                cipher.ProcessBlock(privateSection, offset, privateSection, offset);
            }
        }
        finally
        {
            Array.Clear(keyAndIv, 0, keyAndIv.Length);
        }
    }

    public void Dispose() => _passphrase.Dispose();

    private byte[] DeriveKeyAndIv(byte[] salt)
    {
        var passphrase = Utf8(_passphrase);
        try
        {
            return BcryptPbkdf.Derive(passphrase, salt, Rounds, KeyLength + IvLength);
        }
        finally
        {
            Array.Clear(passphrase, 0, passphrase.Length);
        }
    }

    // The UTF-8 bytes, by way of buffers that are cleared, never a string.
    private static byte[] Utf8(SecureString secret)
    {
        var characters = new char[secret.Length];
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            Marshal.Copy(pointer, characters, 0, characters.Length);
            return Encoding.UTF8.GetBytes(characters);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            Array.Clear(characters, 0, characters.Length);
        }
    }
}
