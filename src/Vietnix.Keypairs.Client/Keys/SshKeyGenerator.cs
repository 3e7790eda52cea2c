using System;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// Makes SSH key pairs on this machine, with ssh-keygen's defaults and limits, so the private key
/// never leaves it (Nova 2.92 and later no longer generate keys). The mathematics is BouncyCastle's.
/// </summary>
public static class SshKeyGenerator
{
    private const int Ed25519Bits = 256;
    private const int RsaDefaultBits = 3072;
    private const int RsaMinimumBits = 2048;

    // OpenSSL's OPENSSL_RSA_MAX_MODULUS_BITS: larger keys ssh-keygen neither makes nor loads.
    private const int RsaMaximumBits = 16384;
    private const int EcdsaDefaultBits = 256;
    private static readonly int[] EcdsaCurveBits = [256, 384, 521];

    // BouncyCastle's default; it turns this into the FIPS 186-4 number of Miller-Rabin rounds for the prime size.
    private const int RsaPrimeCertainty = 100;

    private static readonly BigInteger RsaPublicExponent = BigInteger.ValueOf(65537);

    /// <summary>The size used when none is given: ssh-keygen's (256, 3072 and 256).</summary>
    public static int DefaultKeySize(SshKeyAlgorithm algorithm) => algorithm switch
    {
        SshKeyAlgorithm.Ed25519 => Ed25519Bits,
        SshKeyAlgorithm.Rsa => RsaDefaultBits,
        SshKeyAlgorithm.Ecdsa => EcdsaDefaultBits,
        _ => throw UnknownAlgorithm(algorithm),
    };

    /// <summary>
    /// A new key pair. <paramref name="keySize"/> null means the default; a size the algorithm does
    /// not allow throws <see cref="KeySizeOutOfRangeException"/> saying which sizes it allows.
    /// With a <paramref name="passphrase"/>, the private key file is encrypted with it.
    /// </summary>
    public static GeneratedSshKey Generate(SshKeyAlgorithm algorithm, int? keySize, string comment, PrivateKeyPassphrase? passphrase = null)
    {
        var bits = CheckKeySize(algorithm, keySize);
        if (comment is null)
        {
            throw new ArgumentNullException(nameof(comment));
        }

        if (comment.IndexOfAny(['\r', '\n']) >= 0)
        {
            throw new ArgumentException("A key comment must be one line: a line break would split the public key line in two.", nameof(comment));
        }

        var random = new SecureRandom();

        // BouncyCastle keeps the private values in objects that cannot be cleared (BigInteger is
        // immutable); they become garbage when this method returns. Only the file is kept.
        var keyPair = NewKeyPair(algorithm, bits, random);
        var checkInt = (uint)random.NextInt();
        var publicBlob = OpenSshPrivateKeyEncoder.PublicKeyBlob(keyPair.Public);
        var publicKeyLine = SshKeyBlob.EmbeddedType(publicBlob) + " " + Convert.ToBase64String(publicBlob) + (comment.Length == 0 ? string.Empty : " " + comment);

        // Parsed before the private file exists, so a failure here leaves no private buffer behind.
        var publicKey = PublicKeyText.ParseSingle(publicKeyLine);
        return new GeneratedSshKey(algorithm, bits, publicKeyLine, publicKey, OpenSshPrivateKeyEncoder.Encode(keyPair, comment, checkInt, passphrase));
    }

    /// <summary>
    /// The size <see cref="Generate"/> would use, or the <see cref="KeySizeOutOfRangeException"/> it
    /// would throw, so a caller can refuse before anything else happens.
    /// </summary>
    public static int CheckKeySize(SshKeyAlgorithm algorithm, int? keySize)
    {
        var bits = keySize ?? DefaultKeySize(algorithm);
        return algorithm switch
        {
            SshKeyAlgorithm.Ed25519 when bits != Ed25519Bits => throw new KeySizeOutOfRangeException(
                algorithm, bits, Ed25519Bits, Ed25519Bits, Ed25519Bits, [Ed25519Bits],
                $"Ed25519 keys are always {Ed25519Bits} bits; {bits} is not possible."),
            SshKeyAlgorithm.Rsa when bits is < RsaMinimumBits or > RsaMaximumBits => throw new KeySizeOutOfRangeException(
                algorithm, bits, RsaDefaultBits, RsaMinimumBits, RsaMaximumBits, null,
                $"RSA keys must be {RsaMinimumBits} to {RsaMaximumBits} bits; {bits} is {(bits < RsaMinimumBits ? "too weak" : "more than OpenSSH accepts")}."),
            SshKeyAlgorithm.Ecdsa when Array.IndexOf(EcdsaCurveBits, bits) < 0 => throw new KeySizeOutOfRangeException(
                algorithm, bits, EcdsaDefaultBits, EcdsaCurveBits[0], EcdsaCurveBits[EcdsaCurveBits.Length - 1], EcdsaCurveBits,
                $"ECDSA keys must be 256, 384 or 521 bits (the NIST curves P-256, P-384 and P-521); {bits} is not one of them."),
            _ => bits,
        };
    }

    private static AsymmetricCipherKeyPair NewKeyPair(SshKeyAlgorithm algorithm, int bits, SecureRandom random)
    {
        IAsymmetricCipherKeyPairGenerator generator;
        switch (algorithm)
        {
            case SshKeyAlgorithm.Ed25519:
                generator = new Ed25519KeyPairGenerator();
                generator.Init(new Ed25519KeyGenerationParameters(random));
                break;
            case SshKeyAlgorithm.Rsa:
                generator = new RsaKeyPairGenerator();
                generator.Init(new RsaKeyGenerationParameters(RsaPublicExponent, random, bits, RsaPrimeCertainty));
                break;
            case SshKeyAlgorithm.Ecdsa:
                generator = new ECKeyPairGenerator();
                generator.Init(new ECKeyGenerationParameters(NistCurve(bits), random));
                break;
            default:
                throw UnknownAlgorithm(algorithm);
        }

        return generator.GenerateKeyPair();
    }

    private static DerObjectIdentifier NistCurve(int bits) => bits switch
    {
        256 => SecObjectIdentifiers.SecP256r1,
        384 => SecObjectIdentifiers.SecP384r1,
        521 => SecObjectIdentifiers.SecP521r1,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), $"There is no NIST curve of {bits} bits."),
    };

    private static ArgumentOutOfRangeException UnknownAlgorithm(SshKeyAlgorithm algorithm) =>
        new(nameof(algorithm), $"'{algorithm}' is not a key algorithm this module makes; use Ed25519, Rsa or Ecdsa.");
}
