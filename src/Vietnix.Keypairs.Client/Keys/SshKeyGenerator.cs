using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
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
/// never leaves it (Nova 2.92 and later no longer generate keys). RSA keys come from the platform
/// (OpenSSL on Linux and macOS, CNG or CAPI on Windows), whose prime search is many times faster
/// than BouncyCastle's; BouncyCastle makes the RSA sizes a platform refuses (CNG takes multiples of
/// 64 bits only, OpenSSL of 8) and the Ed25519 and ECDSA keys, which are quick anyway and which it
/// makes the same way on every platform and in both PowerShell editions.
/// </summary>
internal static class SshKeyGenerator
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
    private static readonly bool IsNetFramework = typeof(object).Assembly.GetName().Name == "mscorlib";

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
    /// <see cref="Generate"/> on a worker thread. The platform's RSA generation cannot be
    /// interrupted, so cancelling abandons it: the returned task ends at once as cancelled, and the
    /// key, when the worker finishes it, is cleared and dropped without ever reaching the caller.
    /// </summary>
    public static Task<GeneratedSshKey> GenerateAsync(SshKeyAlgorithm algorithm, int? keySize, string comment, PrivateKeyPassphrase? passphrase, CancellationToken cancellationToken) =>
        AbandonOnCancel(() => Generate(algorithm, keySize, comment, passphrase), cancellationToken);

    /// <summary>Whether this platform's own RSA makes keys of this size (else BouncyCastle does).</summary>
    internal static bool PlatformMakesRsa(int bits)
    {
        using var rsa = RSA.Create();
        return IsLegalSize(rsa.LegalKeySizes, bits);
    }

    internal static Task<GeneratedSshKey> AbandonOnCancel(Func<GeneratedSshKey> generate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var work = Task.Run(generate, CancellationToken.None);
        if (!cancellationToken.CanBeCanceled)
        {
            return work;
        }

        var outcome = new TaskCompletionSource<GeneratedSshKey>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => outcome.TrySetCanceled(cancellationToken));
        work.ContinueWith(
            finished =>
            {
                registration.Dispose();
                var delivered = finished.Status switch
                {
                    TaskStatus.RanToCompletion => outcome.TrySetResult(finished.Result),
                    TaskStatus.Faulted => outcome.TrySetException(finished.Exception!.InnerExceptions),
                    _ => outcome.TrySetCanceled(),
                };
                if (!delivered && finished.Status == TaskStatus.RanToCompletion)
                {
                    finished.Result.Dispose();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return outcome.Task;
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
                if (NewPlatformRsa(bits) is { } platformRsa)
                {
                    return PlatformRsaKeyPair(platformRsa, bits);
                }

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

    // The platform's key handed to the encoder as BouncyCastle parameters (e = 65537 on every platform).
    // The exported arrays are cleared; the BigIntegers made from them are immutable and become garbage.
    private static AsymmetricCipherKeyPair PlatformRsaKeyPair(RSA platformRsa, int bits)
    {
        using var rsa = platformRsa;
        var key = rsa.ExportParameters(includePrivateParameters: true);
        try
        {
            var modulus = new BigInteger(1, key.Modulus);
            if (modulus.BitLength != bits)
            {
                throw new CryptographicException($"The platform's RSA implementation ({rsa.GetType().Name}) made a {modulus.BitLength}-bit key where {bits} bits were asked for.");
            }

            var publicExponent = new BigInteger(1, key.Exponent);
            return new AsymmetricCipherKeyPair(
                new RsaKeyParameters(false, modulus, publicExponent),
                new RsaPrivateCrtKeyParameters(
                    modulus,
                    publicExponent,
                    new BigInteger(1, key.D),
                    new BigInteger(1, key.P),
                    new BigInteger(1, key.Q),
                    new BigInteger(1, key.DP),
                    new BigInteger(1, key.DQ),
                    new BigInteger(1, key.InverseQ)));
        }
        finally
        {
            foreach (var secret in new[] { key.D, key.P, key.Q, key.DP, key.DQ, key.InverseQ })
            {
                if (secret is not null)
                {
                    Array.Clear(secret, 0, secret.Length);
                }
            }
        }
    }

    // The platform's RSA set to make a key of this size, or null when it cannot. Nothing is generated
    // yet: the key is made when it is first used. .NET Framework's RSA.Create() is CAPI's
    // RSACryptoServiceProvider, which keeps the size given to its constructor and ignores a later
    // KeySize; .NET's (OpenSSL, CNG, Apple) make the key at KeySize.
    private static RSA? NewPlatformRsa(int bits)
    {
        if (!PlatformMakesRsa(bits))
        {
            return null;
        }

        if (IsNetFramework)
        {
            return new RSACryptoServiceProvider(bits);
        }

        var rsa = RSA.Create();
        rsa.KeySize = bits;
        return rsa;
    }

    private static bool IsLegalSize(KeySizes[] legalSizes, int bits)
    {
        foreach (var range in legalSizes)
        {
            var inRange = bits >= range.MinSize && bits <= range.MaxSize;
            if (inRange && (range.SkipSize == 0 ? bits == range.MinSize : (bits - range.MinSize) % range.SkipSize == 0))
            {
                return true;
            }
        }

        return false;
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
