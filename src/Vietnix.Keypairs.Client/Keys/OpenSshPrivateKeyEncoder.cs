using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// Writes a key pair in OpenSSH's own private key format ("openssh-key-v1", PROTOCOL.key in
/// openssh-portable) exactly as ssh-keygen does: one key, base64 wrapped at 70 columns between the
/// armour lines, LF line ends; unencrypted as with <c>-N ''</c>, or with a passphrase as with
/// <c>-N passphrase -a rounds</c> (aes256-ctr, bcrypt). Given the same key, comment, check number
/// (and passphrase, rounds and salt), the bytes equal ssh-keygen's file.
/// </summary>
internal static class OpenSshPrivateKeyEncoder
{
    private const string BeginArmour = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
    private const string EndArmour = "-----END OPENSSH PRIVATE KEY-----\n";
    private const int Base64LineLength = 70;

    // Unencrypted keys are padded to the block size of the "none" cipher.
    private const int UnencryptedBlockSize = 8;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");

    private static readonly Dictionary<DerObjectIdentifier, string> CurveNames = new()
    {
        [SecObjectIdentifiers.SecP256r1] = "nistp256",
        [SecObjectIdentifiers.SecP384r1] = "nistp384",
        [SecObjectIdentifiers.SecP521r1] = "nistp521",
    };

    /// <summary>
    /// The private key file. <paramref name="checkInt"/> is the random number written twice before the
    /// key, by which a reader notices a wrong passphrase; a new key takes a fresh random one. With a
    /// <paramref name="passphrase"/>, the file is encrypted under a new random salt.
    /// </summary>
    public static byte[] Encode(AsymmetricCipherKeyPair keyPair, string comment, uint checkInt, PrivateKeyPassphrase? passphrase = null) =>
        Encode(keyPair, comment, checkInt, passphrase, passphrase is null ? null : PrivateKeyPassphrase.NewSalt());

    /// <summary>The file encrypted with a given <paramref name="salt"/>, so a test can rebuild ssh-keygen's file byte for byte.</summary>
    internal static byte[] Encode(AsymmetricCipherKeyPair keyPair, string comment, uint checkInt, PrivateKeyPassphrase? passphrase, byte[]? salt)
    {
        var publicBlob = PublicKeyBlob(keyPair.Public);
        using var privateSection = new SshWireWriter();
        privateSection.WriteUInt32(checkInt);
        privateSection.WriteUInt32(checkInt);
        WritePrivateKey(privateSection, keyPair);
        privateSection.WriteString(comment);
        var blockSize = passphrase is null ? UnencryptedBlockSize : PrivateKeyPassphrase.BlockSize;
        for (byte padding = 1; privateSection.Length % blockSize != 0; padding++)
        {
            privateSection.WriteByte(padding);
        }

        using var container = new SshWireWriter();
        container.WriteRaw(Magic);
        if (passphrase is null)
        {
            container.WriteString("none");
            container.WriteString("none");
            container.WriteString([]);
        }
        else
        {
            using var kdfOptions = new SshWireWriter();
            kdfOptions.WriteString(salt ?? throw new ArgumentNullException(nameof(salt)));
            kdfOptions.WriteUInt32((uint)passphrase.Rounds);
            container.WriteString(PrivateKeyPassphrase.CipherName);
            container.WriteString(PrivateKeyPassphrase.KdfName);
            container.WriteString(kdfOptions);
        }

        container.WriteUInt32(1);
        container.WriteString(publicBlob);
        if (passphrase is null)
        {
            container.WriteString(privateSection);
        }
        else
        {
            var encrypted = privateSection.ToArray();
            try
            {
                passphrase.Encrypt(encrypted, salt!);
                container.WriteString(encrypted);
            }
            finally
            {
                Array.Clear(encrypted, 0, encrypted.Length);
            }
        }

        var binary = container.ToArray();
        try
        {
            return Armour(binary);
        }
        finally
        {
            Array.Clear(binary, 0, binary.Length);
        }
    }

    /// <summary>
    /// A server-generated PEM private key (Nova's PKCS#1 "RSA PRIVATE KEY", or PKCS#8) as an
    /// encrypted openssh-key-v1 file, so the unencrypted key never reaches a disk. The key must be
    /// the one of <paramref name="publicKey"/>, whose comment it takes; anything else throws
    /// <see cref="FormatException"/>.
    /// </summary>
    internal static byte[] FromPem(string pem, ParsedPublicKey publicKey, PrivateKeyPassphrase passphrase)
    {
        var keyPair = ReadPem(pem);
        if (publicKey.Kind != PublicKeyKind.Ssh || !PublicKeyBlob(keyPair.Public).SequenceEqual(publicKey.FingerprintInput))
        {
            throw new FormatException("The private key the server returned does not belong to its public key.");
        }

        var checkInt = (uint)new SecureRandom().NextInt();
        return Encode(keyPair, publicKey.Comment ?? string.Empty, checkInt, passphrase);
    }

    /// <summary>The public key blob (RFC 4253 section 6.6, RFC 5656, RFC 8709): what a .pub line carries in base64.</summary>
    public static byte[] PublicKeyBlob(AsymmetricKeyParameter publicKey)
    {
        using var blob = new SshWireWriter();
        switch (publicKey)
        {
            case Ed25519PublicKeyParameters ed25519:
                blob.WriteString("ssh-ed25519");
                blob.WriteString(ed25519.GetEncoded());
                break;
            case RsaKeyParameters { IsPrivate: false } rsa:
                blob.WriteString("ssh-rsa");
                blob.WriteMpint(rsa.Exponent.ToByteArrayUnsigned());
                blob.WriteMpint(rsa.Modulus.ToByteArrayUnsigned());
                break;
            case ECPublicKeyParameters ecdsa:
                var curve = CurveName(ecdsa);
                blob.WriteString("ecdsa-sha2-" + curve);
                blob.WriteString(curve);
                blob.WriteString(ecdsa.Q.GetEncoded(compressed: false));
                break;
            default:
                throw new ArgumentException($"A {publicKey.GetType().Name} is not an Ed25519, RSA or ECDSA public key.", nameof(publicKey));
        }

        return blob.ToArray();
    }

    // The private half in the order PROTOCOL.key and sshkey_private_serialize use.
    private static void WritePrivateKey(SshWireWriter section, AsymmetricCipherKeyPair keyPair)
    {
        switch (keyPair.Private)
        {
            case Ed25519PrivateKeyParameters ed25519:
                var publicKey = ((Ed25519PublicKeyParameters)keyPair.Public).GetEncoded();
                section.WriteString("ssh-ed25519");
                section.WriteString(publicKey);
                WriteEd25519SecretKey(section, ed25519, publicKey);
                break;
            case RsaPrivateCrtKeyParameters rsa:
                section.WriteString("ssh-rsa");
                section.WriteMpint(rsa.Modulus.ToByteArrayUnsigned());
                section.WriteMpint(rsa.PublicExponent.ToByteArrayUnsigned());
                WritePrivateMpint(section, rsa.Exponent);
                WritePrivateMpint(section, rsa.QInv);
                WritePrivateMpint(section, rsa.P);
                WritePrivateMpint(section, rsa.Q);
                break;
            case ECPrivateKeyParameters ecdsa:
                var ecdsaPublic = (ECPublicKeyParameters)keyPair.Public;
                var curve = CurveName(ecdsaPublic);
                section.WriteString("ecdsa-sha2-" + curve);
                section.WriteString(curve);
                section.WriteString(ecdsaPublic.Q.GetEncoded(compressed: false));
                WritePrivateMpint(section, ecdsa.D);
                break;
            default:
                throw new ArgumentException($"A {keyPair.Private.GetType().Name} is not an Ed25519, RSA (with CRT values) or ECDSA private key.", nameof(keyPair));
        }
    }

    // OpenSSH stores the 32-byte seed followed by the public key, as the ref10 code keeps its secret key.
    private static void WriteEd25519SecretKey(SshWireWriter section, Ed25519PrivateKeyParameters privateKey, byte[] publicKey)
    {
        var seed = privateKey.GetEncoded();
        var secretKey = new byte[seed.Length + publicKey.Length];
        try
        {
            Buffer.BlockCopy(seed, 0, secretKey, 0, seed.Length);
            Buffer.BlockCopy(publicKey, 0, secretKey, seed.Length, publicKey.Length);
            section.WriteString(secretKey);
        }
        finally
        {
            Array.Clear(seed, 0, seed.Length);
            Array.Clear(secretKey, 0, secretKey.Length);
        }
    }

    // The BigInteger itself is immutable and cannot be cleared; its byte copy can.
    private static void WritePrivateMpint(SshWireWriter section, BigInteger value)
    {
        var magnitude = value.ToByteArrayUnsigned();
        try
        {
            section.WriteMpint(magnitude);
        }
        finally
        {
            Array.Clear(magnitude, 0, magnitude.Length);
        }
    }

    private static AsymmetricCipherKeyPair ReadPem(string pem)
    {
        object? read;
        try
        {
            using var text = new StringReader(pem);
            read = new PemReader(text).ReadObject();
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidCastException)
        {
            throw new FormatException("The private key the server returned is not a PEM key that can be read.", exception);
        }

        return read switch
        {
            AsymmetricCipherKeyPair { Private: RsaPrivateCrtKeyParameters } keyPair => keyPair,
            RsaPrivateCrtKeyParameters rsa => new AsymmetricCipherKeyPair(new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent), rsa),
            _ => throw new FormatException("The private key the server returned is not an RSA private key in PEM."),
        };
    }

    private static string CurveName(ECPublicKeyParameters publicKey) =>
        publicKey.PublicKeyParamSet is { } oid && CurveNames.TryGetValue(oid, out var name)
            ? name
            : throw new ArgumentException("Only ECDSA keys on the named NIST curves P-256, P-384 and P-521 can be stored in OpenSSH format.", nameof(publicKey));

    // Builds the file straight into a byte array so no string ever holds the base64 of the private key.
    private static byte[] Armour(byte[] binary)
    {
        var base64 = new char[(binary.Length + 2) / 3 * 4];
        try
        {
            Convert.ToBase64CharArray(binary, 0, binary.Length, base64, 0);
            var lineCount = (base64.Length + Base64LineLength - 1) / Base64LineLength;
            var file = new byte[BeginArmour.Length + base64.Length + lineCount + EndArmour.Length];
            var position = Encoding.ASCII.GetBytes(BeginArmour, 0, BeginArmour.Length, file, 0);
            for (var lineStart = 0; lineStart < base64.Length; lineStart += Base64LineLength)
            {
                position += Encoding.ASCII.GetBytes(base64, lineStart, Math.Min(Base64LineLength, base64.Length - lineStart), file, position);
                file[position++] = (byte)'\n';
            }

            Encoding.ASCII.GetBytes(EndArmour, 0, EndArmour.Length, file, position);
            return file;
        }
        finally
        {
            Array.Clear(base64, 0, base64.Length);
        }
    }
}
