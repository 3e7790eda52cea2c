using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Vietnix.Keypairs.Client.Keys;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>
/// A test-side reader of "openssh-key-v1" files (PROTOCOL.key), written from the specification
/// rather than from the encoder, so the encoder's tests do not check it against itself. It keeps
/// every field, including the check numbers and the padding, and rejects what ssh-keygen would.
/// Encrypted files (aes256-ctr, bcrypt) are decrypted with the module's bcrypt_pbkdf and
/// BouncyCastle's AES-CTR through its generic cipher factory, not the encoder's code.
/// </summary>
internal sealed class OpenSshPrivateKeyFile
{
    private const string BeginArmour = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string EndArmour = "-----END OPENSSH PRIVATE KEY-----";

    private static readonly Dictionary<string, DerObjectIdentifier> Curves = new()
    {
        ["nistp256"] = SecObjectIdentifiers.SecP256r1,
        ["nistp384"] = SecObjectIdentifiers.SecP384r1,
        ["nistp521"] = SecObjectIdentifiers.SecP521r1,
    };

    private OpenSshPrivateKeyFile()
    {
    }

    public byte[] Binary { get; private init; } = [];

    public string CipherName { get; private init; } = string.Empty;

    public string KdfName { get; private init; } = string.Empty;

    public byte[] KdfOptions { get; private init; } = [];

    /// <summary>The bcrypt salt of an encrypted file; empty for an unencrypted one.</summary>
    public byte[] KdfSalt { get; private init; } = [];

    /// <summary>The bcrypt rounds of an encrypted file; 0 for an unencrypted one.</summary>
    public uint KdfRounds { get; private init; }

    public uint KeyCount { get; private init; }

    public byte[] PublicBlob { get; private init; } = [];

    public uint CheckInt { get; private init; }

    public uint SecondCheckInt { get; private init; }

    public string KeyType { get; private init; } = string.Empty;

    /// <summary>The fields after the key type, in file order: the strings and mpints PROTOCOL.key lists for the type.</summary>
    public IReadOnlyList<byte[]> KeyFields { get; private init; } = [];

    public string Comment { get; private init; } = string.Empty;

    public byte[] Padding { get; private init; } = [];

    public int PrivateSectionLength { get; private init; }

    /// <summary>Reads the file; an encrypted one needs its <paramref name="passphrase"/>, and a wrong one throws as ssh-keygen fails.</summary>
    public static OpenSshPrivateKeyFile Read(byte[] fileContent, string? passphrase = null)
    {
        var lines = Encoding.ASCII.GetString(fileContent).Split('\n');
        var begin = Array.IndexOf(lines, BeginArmour);
        var end = Array.IndexOf(lines, EndArmour);
        if (begin < 0 || end < begin)
        {
            throw new InvalidDataException("The file has no OPENSSH PRIVATE KEY armour lines.");
        }

        var binary = Convert.FromBase64String(string.Concat(lines.Skip(begin + 1).Take(end - begin - 1)));
        var reader = new Reader(binary);
        if (!reader.Raw(15).SequenceEqual(Encoding.ASCII.GetBytes("openssh-key-v1\0")))
        {
            throw new InvalidDataException("The binary does not start with the openssh-key-v1 magic.");
        }

        var cipherName = reader.Text();
        var kdfName = reader.Text();
        var kdfOptions = reader.String();
        var keyCount = reader.UInt32();
        var publicBlob = reader.String();
        var privateSection = reader.String();
        reader.EnsureEnd("after the private section");

        byte[] salt = [];
        uint rounds = 0;
        if (cipherName != "none" || kdfName != "none")
        {
            if (cipherName != "aes256-ctr" || kdfName != "bcrypt")
            {
                throw new InvalidDataException($"Cipher '{cipherName}' with kdf '{kdfName}' is not what ssh-keygen writes by default.");
            }

            var options = new Reader(kdfOptions);
            salt = options.String();
            rounds = options.UInt32();
            options.EnsureEnd("after the kdf options");
            privateSection = Decrypt(privateSection, passphrase ?? throw new InvalidDataException("The file is encrypted; give its passphrase."), salt, rounds);
        }
        else if (kdfOptions.Length != 0)
        {
            throw new InvalidDataException("An unencrypted file has kdf options.");
        }

        var section = new Reader(privateSection);
        var checkInt = section.UInt32();
        var secondCheckInt = section.UInt32();
        if (checkInt != secondCheckInt)
        {
            // OpenSSH's only sign of a wrong passphrase ("incorrect passphrase supplied to decrypt private key").
            throw new InvalidDataException("The check numbers differ: the passphrase is wrong.");
        }

        var keyType = section.Text();
        var fieldCount = keyType switch
        {
            "ssh-ed25519" => 2,
            "ssh-rsa" => 6,
            _ when keyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => 3,
            _ => throw new InvalidDataException($"Unknown key type '{keyType}'."),
        };
        var fields = Enumerable.Range(0, fieldCount).Select(_ => section.String()).ToList();
        var comment = Encoding.UTF8.GetString(section.String());
        var padding = section.Rest();

        return new OpenSshPrivateKeyFile
        {
            Binary = binary,
            CipherName = cipherName,
            KdfName = kdfName,
            KdfOptions = kdfOptions,
            KdfSalt = salt,
            KdfRounds = rounds,
            KeyCount = keyCount,
            PublicBlob = publicBlob,
            CheckInt = checkInt,
            SecondCheckInt = secondCheckInt,
            KeyType = keyType,
            KeyFields = fields,
            Comment = comment,
            Padding = padding,
            PrivateSectionLength = privateSection.Length,
        };
    }

    /// <summary>The key as BouncyCastle objects, built from the file's fields.</summary>
    public AsymmetricCipherKeyPair KeyPair()
    {
        switch (KeyType)
        {
            case "ssh-ed25519":
                var secretKey = KeyFields[1];
                var ed25519 = new Ed25519PrivateKeyParameters(secretKey, 0);
                return new AsymmetricCipherKeyPair(new Ed25519PublicKeyParameters(KeyFields[0]), ed25519);
            case "ssh-rsa":
                var (n, e, d, iqmp, p, q) = (Mpint(0), Mpint(1), Mpint(2), Mpint(3), Mpint(4), Mpint(5));
                var one = BigInteger.One;
                return new AsymmetricCipherKeyPair(
                    new RsaKeyParameters(false, n, e),
                    new RsaPrivateCrtKeyParameters(n, e, d, p, q, d.Mod(p.Subtract(one)), d.Mod(q.Subtract(one)), iqmp));
            default:
                var curve = Encoding.ASCII.GetString(KeyFields[0]);
                var oid = Curves[curve];
                var domain = ECNamedCurveTable.GetByOid(oid);
                var point = domain.Curve.DecodePoint(KeyFields[1]);
                return new AsymmetricCipherKeyPair(
                    new ECPublicKeyParameters("EC", point, oid),
                    new ECPrivateKeyParameters("EC", Mpint(2), oid));
        }
    }

    private static byte[] Decrypt(byte[] encrypted, string passphrase, byte[] salt, uint rounds)
    {
        if (encrypted.Length % 16 != 0)
        {
            throw new InvalidDataException($"The encrypted section of {encrypted.Length} bytes is not a whole number of AES blocks.");
        }

        var keyAndIv = BcryptPbkdf.Derive(Encoding.UTF8.GetBytes(passphrase), salt, checked((int)rounds), 32 + 16);
        var aes = CipherUtilities.GetCipher("AES/CTR/NoPadding");
        aes.Init(false, new ParametersWithIV(new KeyParameter(keyAndIv[..32]), keyAndIv[32..]));
        return aes.DoFinal(encrypted);
    }

    public BigInteger Mpint(int field)
    {
        var value = KeyFields[field];
        if (value.Length > 0 && (value[0] & 0x80) != 0)
        {
            throw new InvalidDataException($"Field {field} is a negative mpint.");
        }

        return new BigInteger(1, value);
    }

    private sealed class Reader(byte[] data)
    {
        private int _position;

        public byte[] Raw(int count)
        {
            if (data.Length - _position < count)
            {
                throw new InvalidDataException($"The data ends at byte {data.Length}, before the {count} bytes at {_position}.");
            }

            var bytes = data.AsSpan(_position, count).ToArray();
            _position += count;
            return bytes;
        }

        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Raw(4));

        public byte[] String() => Raw(checked((int)UInt32()));

        public string Text() => Encoding.ASCII.GetString(String());

        public byte[] Rest() => Raw(data.Length - _position);

        public void EnsureEnd(string where)
        {
            if (_position != data.Length)
            {
                throw new InvalidDataException($"{data.Length - _position} bytes are left over {where}.");
            }
        }
    }
}
