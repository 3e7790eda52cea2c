using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// OpenBSD's <c>bcrypt_pbkdf</c> (lib/libutil/bcrypt_pbkdf.c), the key derivation OpenSSH uses to
/// turn a passphrase into the key and IV of an encrypted "openssh-key-v1" file. It is PBKDF2 with
/// a bcrypt-style hash in place of HMAC: each round expands a Blowfish state with SHA-512 digests
/// of the passphrase and salt ("eksblowfish") and encrypts a fixed text with it, and the output
/// bytes are strided across the blocks so that all of them cost the same.
/// No package served to this project offers it, so it is written here; SHA-512 is BouncyCastle's.
/// Nothing depends on timing or the platform, and every buffer derived from the passphrase is
/// cleared before returning.
/// </summary>
internal static class BcryptPbkdf
{
    /// <summary>The largest output the algorithm defines: 32 blocks of 32 bytes.</summary>
    public const int MaximumLength = HashSize * HashSize;

    private const int HashWords = 8;
    private const int HashSize = HashWords * 4;
    private const int DigestSize = 64;
    private const int DigestWords = DigestSize / 4;
    private const int MaximumSaltLength = 1 << 20;
    private const int ExpansionRounds = 64;
    private const int EncryptionRounds = 64;
    private const int SubkeyCount = 18;
    private const int SboxWords = 4 * 256;

    // MethodImplOptions.AggressiveOptimization (.NET Core 3.0 and later; netstandard2.0 lacks the
    // name): a derivation runs once per process, so the loops must not start in the unoptimized
    // tier of the JIT, which costs several times the optimized run. .NET Framework always optimizes.
    private const MethodImplOptions FullyOptimized = (MethodImplOptions)512;

    private static readonly byte[] HashedText = Encoding.ASCII.GetBytes("OxychromaticBlowfishSwatDynamite");

    private static readonly Lazy<uint[]> PiWords = new(ReadPiWords);

    /// <summary>
    /// <paramref name="length"/> bytes derived from <paramref name="password"/> and
    /// <paramref name="salt"/> in <paramref name="rounds"/> rounds. The caller owns the result and
    /// clears it after use. Arguments OpenBSD refuses (no rounds, an empty password or salt, a
    /// length of 0 or more than <see cref="MaximumLength"/>) throw.
    /// </summary>
    public static byte[] Derive(byte[] password, byte[] salt, int rounds, int length)
    {
        if (password is null || password.Length == 0)
        {
            throw new ArgumentException("bcrypt_pbkdf needs a password of at least one byte.", nameof(password));
        }

        if (salt is null || salt.Length == 0 || salt.Length > MaximumSaltLength)
        {
            throw new ArgumentException($"bcrypt_pbkdf needs a salt of 1 to {MaximumSaltLength} bytes.", nameof(salt));
        }

        if (rounds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "bcrypt_pbkdf needs at least one round.");
        }

        if (length < 1 || length > MaximumLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"bcrypt_pbkdf makes 1 to {MaximumLength} bytes.");
        }

        var stride = (length + HashSize - 1) / HashSize;
        var blockAmount = (length + stride - 1) / stride;
        var output = new byte[length];
        var passwordDigest = new byte[DigestSize];
        var saltDigest = new byte[DigestSize];
        var roundHash = new byte[HashSize];
        var block = new byte[HashSize];
        var counter = new byte[4];
        var state = new EksBlowfish();
        var sha512 = new Sha512Digest();
        try
        {
            Digest(sha512, password, passwordDigest);
            var remaining = length;
            for (uint count = 1; remaining > 0; count++)
            {
                counter[0] = (byte)(count >> 24);
                counter[1] = (byte)(count >> 16);
                counter[2] = (byte)(count >> 8);
                counter[3] = (byte)count;
                sha512.BlockUpdate(salt, 0, salt.Length);
                Digest(sha512, counter, saltDigest);
                state.Hash(passwordDigest, saltDigest, roundHash);
                Buffer.BlockCopy(roundHash, 0, block, 0, HashSize);

                // Later rounds salt with the SHA-512 of the previous round's hash, and all rounds are XORed.
                for (var round = 1; round < rounds; round++)
                {
                    Digest(sha512, roundHash, saltDigest);
                    state.Hash(passwordDigest, saltDigest, roundHash);
                    for (var i = 0; i < HashSize; i++)
                    {
                        block[i] ^= roundHash[i];
                    }
                }

                // Not PBKDF2's concatenation: block number n fills output bytes n-1, n-1+stride, n-1+2*stride, ...
                blockAmount = Math.Min(blockAmount, remaining);
                int taken;
                for (taken = 0; taken < blockAmount; taken++)
                {
                    var destination = (taken * stride) + (int)(count - 1);
                    if (destination >= length)
                    {
                        break;
                    }

                    output[destination] = block[taken];
                }

                remaining -= taken;
            }

            return output;
        }
        finally
        {
            Array.Clear(passwordDigest, 0, passwordDigest.Length);
            Array.Clear(saltDigest, 0, saltDigest.Length);
            Array.Clear(roundHash, 0, roundHash.Length);
            Array.Clear(block, 0, block.Length);
            state.Clear();
            sha512.Reset();
        }
    }

    private static void Digest(Sha512Digest sha512, byte[] data, byte[] digest)
    {
        sha512.BlockUpdate(data, 0, data.Length);
        sha512.DoFinal(digest, 0);
    }

    // The P-array and S-boxes start as the fractional hexadecimal digits of pi, P first; they are
    // kept as text beside this file (BlowfishPiDigits.hex, embedded), not as code.
    private static uint[] ReadPiWords()
    {
        using var stream = typeof(BcryptPbkdf).Assembly.GetManifestResourceStream("Vietnix.Keypairs.Client.Keys.BlowfishPiDigits.hex")
            ?? throw new InvalidOperationException("The Blowfish initial state (BlowfishPiDigits.hex) is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var words = new uint[SubkeyCount + SboxWords];
        var count = 0;
        foreach (var line in reader.ReadToEnd().Split(['\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            for (var offset = 0; offset < line.Length; offset += 8)
            {
                words[count++] = Convert.ToUInt32(line.Substring(offset, 8), 16);
            }
        }

        return count == words.Length ? words : throw new InvalidOperationException($"The Blowfish initial state holds {count} words instead of {words.Length}.");
    }

    /// <summary>A Blowfish key schedule with bcrypt's expensive expansion (Provos and Mazières' eksblowfish).</summary>
    private sealed class EksBlowfish
    {
        // Blowfish_expand0state is Blowfish_expandstate with data that is all zero bytes.
        private static readonly uint[] NoData = new uint[DigestWords];

        private readonly uint[] _subkeys = new uint[SubkeyCount];
        private readonly uint[] _sboxes = new uint[SboxWords];
        private readonly uint[] _passwordWords = new uint[DigestWords];
        private readonly uint[] _saltWords = new uint[DigestWords];
        private readonly uint[] _text = new uint[HashWords];

        /// <summary>OpenBSD's bcrypt_hash: 32 bytes from the two SHA-512 digests.</summary>
        [MethodImpl(FullyOptimized)]
        public void Hash(byte[] passwordDigest, byte[] saltDigest, byte[] hash)
        {
            ToWords(passwordDigest, _passwordWords);
            ToWords(saltDigest, _saltWords);
            Array.Copy(PiWords.Value, 0, _subkeys, 0, SubkeyCount);
            Array.Copy(PiWords.Value, SubkeyCount, _sboxes, 0, SboxWords);

            Expand(_passwordWords, _saltWords);
            for (var round = 0; round < ExpansionRounds; round++)
            {
                Expand(_saltWords, NoData);
                Expand(_passwordWords, NoData);
            }

            ToWords(HashedText, _text);
            for (var round = 0; round < EncryptionRounds; round++)
            {
                for (var i = 0; i < HashWords; i += 2)
                {
                    var block = Encipher(_text[i], _text[i + 1]);
                    _text[i] = (uint)(block >> 32);
                    _text[i + 1] = (uint)block;
                }
            }

            // Unlike bcrypt, the words come out little-endian.
            for (var i = 0; i < HashWords; i++)
            {
                hash[(4 * i) + 0] = (byte)_text[i];
                hash[(4 * i) + 1] = (byte)(_text[i] >> 8);
                hash[(4 * i) + 2] = (byte)(_text[i] >> 16);
                hash[(4 * i) + 3] = (byte)(_text[i] >> 24);
            }
        }

        public void Clear()
        {
            Array.Clear(_subkeys, 0, _subkeys.Length);
            Array.Clear(_sboxes, 0, _sboxes.Length);
            Array.Clear(_passwordWords, 0, _passwordWords.Length);
            Array.Clear(_saltWords, 0, _saltWords.Length);
            Array.Clear(_text, 0, _text.Length);
        }

        // Blowfish_expandstate: XOR the key into the P-array, then replace the P-array and the
        // S-boxes by the encryption of a running block, XORed with the data as it goes. Key and
        // data are 64 bytes, so the byte streams OpenBSD cycles through are the same 16 big-endian
        // words over and over.
        [MethodImpl(FullyOptimized)]
        private void Expand(uint[] key, uint[] data)
        {
            var p = _subkeys;
            var s = _sboxes;
            for (var i = 0; i < SubkeyCount; i++)
            {
                p[i] ^= key[i % DigestWords];
            }

            ulong block = 0;
            var dataWord = 0;
            for (var i = 0; i < SubkeyCount; i += 2)
            {
                block = Encipher((uint)(block >> 32) ^ data[dataWord], (uint)block ^ data[dataWord + 1]);
                dataWord = (dataWord + 2) % DigestWords;
                p[i] = (uint)(block >> 32);
                p[i + 1] = (uint)block;
            }

            for (var i = 0; i < SboxWords; i += 2)
            {
                block = Encipher((uint)(block >> 32) ^ data[dataWord], (uint)block ^ data[dataWord + 1]);
                dataWord = (dataWord + 2) % DigestWords;
                s[i] = (uint)(block >> 32);
                s[i + 1] = (uint)block;
            }
        }

        // Blowfish's sixteen Feistel rounds on one 64-bit block (left half in the high word),
        // written out so the JIT keeps both halves in registers.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong Encipher(uint left, uint right)
        {
            var p = _subkeys;
            var s = _sboxes;
            left ^= p[0];
            right ^= Feistel(s, left) ^ p[1];
            left ^= Feistel(s, right) ^ p[2];
            right ^= Feistel(s, left) ^ p[3];
            left ^= Feistel(s, right) ^ p[4];
            right ^= Feistel(s, left) ^ p[5];
            left ^= Feistel(s, right) ^ p[6];
            right ^= Feistel(s, left) ^ p[7];
            left ^= Feistel(s, right) ^ p[8];
            right ^= Feistel(s, left) ^ p[9];
            left ^= Feistel(s, right) ^ p[10];
            right ^= Feistel(s, left) ^ p[11];
            left ^= Feistel(s, right) ^ p[12];
            right ^= Feistel(s, left) ^ p[13];
            left ^= Feistel(s, right) ^ p[14];
            right ^= Feistel(s, left) ^ p[15];
            left ^= Feistel(s, right) ^ p[16];
            return ((ulong)(right ^ p[17]) << 32) | left;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Feistel(uint[] s, uint x) =>
            ((s[x >> 24] + s[0x100 | ((x >> 16) & 0xff)]) ^ s[0x200 | ((x >> 8) & 0xff)]) + s[0x300 | (x & 0xff)];

        private static void ToWords(byte[] bytes, uint[] words)
        {
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = ((uint)bytes[4 * i] << 24) | ((uint)bytes[(4 * i) + 1] << 16) | ((uint)bytes[(4 * i) + 2] << 8) | bytes[(4 * i) + 3];
            }
        }
    }
}
