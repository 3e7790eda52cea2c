using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Utilities;
using Org.BouncyCastle.Math;
using Vietnix.Keypairs.Client.Keys;

namespace Vietnix.Keypairs.Client.Tests.Keys;

public class SshKeyGeneratorTests
{
    private const string BeginArmour = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
    private const string EndArmour = "-----END OPENSSH PRIVATE KEY-----\n";

    public static TheoryData<SshKeyAlgorithm, int?, int, string> Cases => GeneratedKeys.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generate_MakesTheRequestedTypeAndSize_WithAPublicLineThatParses(SshKeyAlgorithm algorithm, int? keySize, int bits, string type)
    {
        // Arrange
        var comment = GeneratedKeys.Comment(algorithm, keySize);

        // Act
        var key = GeneratedKeys.Get(algorithm, keySize);

        // Assert
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(bits, key.KeySize);
        Assert.Equal(bits, key.PublicKey.KeySize);
        Assert.Equal(type, key.PublicKey.Algorithm);
        Assert.Equal(comment, key.PublicKey.Comment);
        Assert.Equal(key.PublicKeyLine, key.PublicKey.Text);
        var fields = key.PublicKeyLine.Split(' ');
        Assert.Equal(3, fields.Length);
        Assert.Equal(type, fields[0]);
        Assert.Equal(Convert.ToBase64String(key.PublicKey.FingerprintInput), fields[1]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrivateKeyFile_IsArmouredAscii_WithLfLineEnds_AndBase64LinesOf70(SshKeyAlgorithm algorithm, int? keySize, int bits, string type)
    {
        // Arrange
        var key = GeneratedKeys.Get(algorithm, keySize);

        // Act
        var content = key.PrivateKeyFileContent;

        // Assert
        Assert.True(content.Length > 0, $"{type} {bits}: the file is empty.");
        Assert.All(content, b => Assert.True(b == '\n' || (b >= 0x20 && b < 0x7f), $"byte 0x{b:x2} is not printable ASCII or LF"));
        var text = Encoding.ASCII.GetString(content);
        Assert.StartsWith(BeginArmour, text, StringComparison.Ordinal);
        Assert.EndsWith(EndArmour, text, StringComparison.Ordinal);
        var base64Lines = text[BeginArmour.Length..^EndArmour.Length].Split('\n')[..^1];
        Assert.NotEmpty(base64Lines);
        Assert.All(base64Lines[..^1], line => Assert.Equal(70, line.Length));
        Assert.InRange(base64Lines[^1].Length, 1, 70);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrivateKeyFile_DecodesToThePublicKey_AndAPrivateKeyThatBelongsToIt(SshKeyAlgorithm algorithm, int? keySize, int bits, string type)
    {
        // Arrange
        var key = GeneratedKeys.Get(algorithm, keySize);

        // Act
        var file = OpenSshPrivateKeyFile.Read(key.PrivateKeyFileContent);

        // Assert
        Assert.Equal(("none", "none", 0, 1u), (file.CipherName, file.KdfName, file.KdfOptions.Length, file.KeyCount));
        Assert.Equal(key.PublicKey.FingerprintInput, file.PublicBlob);
        Assert.Equal(key.PublicKey.NovaFingerprint, Fingerprints.Md5ColonHex(file.PublicBlob));
        Assert.Equal(key.PublicKey.Sha256Fingerprint, Fingerprints.Sha256(file.PublicBlob));
        Assert.Equal(file.CheckInt, file.SecondCheckInt);
        Assert.Equal(type, file.KeyType);
        Assert.Equal(GeneratedKeys.Comment(algorithm, keySize), file.Comment);
        Assert.Equal(0, file.PrivateSectionLength % 8);
        Assert.Equal(Enumerable.Range(1, file.Padding.Length).Select(i => (byte)i), file.Padding);
        Assert.Equal(file.PublicBlob, OpenSshPrivateKeyEncoder.PublicKeyBlob(file.KeyPair().Public));
        AssertPrivateKeyBelongsToPublicKey(file, bits);
        AssertBouncyCastleReadsTheSamePrivateKey(file);
    }

    [Theory]
    [InlineData(SshKeyAlgorithm.Ed25519, 256)]
    [InlineData(SshKeyAlgorithm.Rsa, 3072)]
    [InlineData(SshKeyAlgorithm.Ecdsa, 256)]
    public void DefaultKeySize_IsSshKeygens(SshKeyAlgorithm algorithm, int expected)
    {
        // Act
        var size = SshKeyGenerator.DefaultKeySize(algorithm);

        // Assert
        Assert.Equal(expected, size);
    }

    [Theory]
    [InlineData(SshKeyAlgorithm.Rsa, 1024, "2048 to 16384 bits", "too weak", 3072, 2048, 16384, null)]
    [InlineData(SshKeyAlgorithm.Rsa, 2047, "2048 to 16384 bits", "too weak", 3072, 2048, 16384, null)]
    [InlineData(SshKeyAlgorithm.Rsa, 16385, "2048 to 16384 bits", "more than OpenSSH accepts", 3072, 2048, 16384, null)]
    [InlineData(SshKeyAlgorithm.Ecdsa, 300, "256, 384 or 521 bits", "not one of them", 256, 256, 521, new[] { 256, 384, 521 })]
    [InlineData(SshKeyAlgorithm.Ed25519, 384, "always 256 bits", "not possible", 256, 256, 256, new[] { 256 })]
    public void Generate_RefusesASizeTheAlgorithmDoesNotAllow_SayingWhatItAllows(
        SshKeyAlgorithm algorithm, int keySize, string allowed, string why, int defaultSize, int minimum, int maximum, int[]? sizes)
    {
        // Act
        var exception = Assert.Throws<KeySizeOutOfRangeException>(() => SshKeyGenerator.Generate(algorithm, keySize, "refused"));

        // Assert: the facts as data, the rule in words, and no PowerShell parameter (the cmdlets name it).
        Assert.Equal((algorithm, keySize, defaultSize, minimum, maximum), (exception.Algorithm, exception.KeySize, exception.DefaultKeySize, exception.MinimumKeySize, exception.MaximumKeySize));
        Assert.Equal(sizes, exception.AllowedKeySizes);
        Assert.Contains(allowed, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{keySize} is {why}", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-KeySize", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("carriage\rreturn")]
    public void Generate_RefusesACommentWithALineBreak(string comment)
    {
        // Act
        var exception = Assert.Throws<ArgumentException>(() => SshKeyGenerator.Generate(SshKeyAlgorithm.Ed25519, null, comment));

        // Assert
        Assert.Equal("comment", exception.ParamName);
    }

    [Fact]
    public void EmptyComment_IsLeftOutOfThePublicLine_AndStoredEmpty()
    {
        // Act
        using var key = SshKeyGenerator.Generate(SshKeyAlgorithm.Ed25519, null, string.Empty);

        // Assert
        Assert.Equal(2, key.PublicKeyLine.Split(' ').Length);
        Assert.Null(key.PublicKey.Comment);
        Assert.Equal(string.Empty, OpenSshPrivateKeyFile.Read(key.PrivateKeyFileContent).Comment);
    }

    [Fact]
    public void EachKey_IsNew()
    {
        // Act
        using var first = SshKeyGenerator.Generate(SshKeyAlgorithm.Ed25519, null, "same");
        using var second = SshKeyGenerator.Generate(SshKeyAlgorithm.Ed25519, null, "same");

        // Assert
        Assert.NotEqual(first.PublicKeyLine, second.PublicKeyLine);
        Assert.NotEqual(first.PrivateKeyFileContent, second.PrivateKeyFileContent);
    }

    [Fact]
    public void Dispose_ZeroesThePrivateKeyFile_AndLaterReadsThrow()
    {
        // Arrange
        var key = SshKeyGenerator.Generate(SshKeyAlgorithm.Ed25519, null, "disposed");
        var content = key.PrivateKeyFileContent;
        Assert.Contains(content, b => b != 0);

        // Act
        key.Dispose();

        // Assert
        Assert.All(content, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => key.PrivateKeyFileContent);
        Assert.NotEmpty(key.PublicKeyLine);
    }

    [Theory]
    [InlineData(2048, true)]
    [InlineData(3072, true)]
    [InlineData(4096, true)]
    [InlineData(8192, true)]
    [InlineData(16384, true)]
    [InlineData(2049, false)]
    public void RsaKeys_ComeFromThePlatform_WhereItMakesTheSize(int bits, bool platform)
    {
        // Act
        var madeByPlatform = SshKeyGenerator.PlatformMakesRsa(bits);

        // Assert: OpenSSL (this machine) makes every multiple of 8 bits up to 16384.
        Assert.Equal(platform, madeByPlatform);
    }

    [Fact]
    public async Task GenerateAsync_EndsAtOnceWhenCancelled_AndClearsTheAbandonedKeyWhenItIsDone()
    {
        // Arrange: a generation that runs until the test lets it finish.
        using var release = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        var abandoned = SshKeyGenerator.Generate(SshKeyAlgorithm.Ed25519, null, "abandoned");
        var content = abandoned.PrivateKeyFileContent;
        var generation = SshKeyGenerator.AbandonOnCancel(
            () =>
            {
                release.Wait();
                return abandoned;
            },
            cancellation.Token);

        // Act
        cancellation.Cancel();

        // Assert: cancelled while the generation still runs, and the key, once made, is cleared.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generation);
        Assert.Contains(content, b => b != 0);
        release.Set();
        SpinWait.SpinUntil(() => IsDisposed(abandoned), TimeSpan.FromSeconds(30));
        Assert.True(IsDisposed(abandoned), "The abandoned key was not disposed when its generation finished.");
        Assert.All(content, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task GenerateAsync_HandsOverTheKey_AndAFailure()
    {
        // Act
        using var key = await SshKeyGenerator.GenerateAsync(SshKeyAlgorithm.Ed25519, null, "async", null, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        using var cancellableKey = await SshKeyGenerator.GenerateAsync(SshKeyAlgorithm.Ecdsa, 384, "async", null, cancellation.Token);
        var failure = await Assert.ThrowsAsync<KeySizeOutOfRangeException>(() => SshKeyGenerator.GenerateAsync(SshKeyAlgorithm.Rsa, 1024, "weak", null, cancellation.Token));

        // Assert
        Assert.StartsWith("ssh-ed25519 ", key.PublicKeyLine, StringComparison.Ordinal);
        Assert.StartsWith("ecdsa-sha2-nistp384 ", cancellableKey.PublicKeyLine, StringComparison.Ordinal);
        Assert.Contains("too weak", failure.Message, StringComparison.Ordinal);
    }

    private static bool IsDisposed(GeneratedSshKey key)
    {
        try
        {
            _ = key.PrivateKeyFileContent;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    // Recomputes the public key from the private values with BouncyCastle's arithmetic.
    private static void AssertPrivateKeyBelongsToPublicKey(OpenSshPrivateKeyFile file, int bits)
    {
        switch (file.KeyType)
        {
            case "ssh-ed25519":
                var (publicKey, secretKey) = (file.KeyFields[0], file.KeyFields[1]);
                Assert.Equal(32, publicKey.Length);
                Assert.Equal(64, secretKey.Length);
                Assert.Equal(publicKey, secretKey[32..]);
                Assert.Equal(publicKey, new Ed25519PrivateKeyParameters(secretKey, 0).GeneratePublicKey().GetEncoded());
                break;
            case "ssh-rsa":
                var (n, e, d, iqmp, p, q) = (file.Mpint(0), file.Mpint(1), file.Mpint(2), file.Mpint(3), file.Mpint(4), file.Mpint(5));
                var lambda = p.Subtract(BigInteger.One).Multiply(q.Subtract(BigInteger.One)).Divide(p.Subtract(BigInteger.One).Gcd(q.Subtract(BigInteger.One)));
                Assert.Equal(bits, n.BitLength);
                Assert.Equal(BigInteger.ValueOf(65537), e);
                Assert.Equal(n, p.Multiply(q));
                Assert.Equal(BigInteger.One, d.Multiply(e).Mod(lambda));
                Assert.Equal(BigInteger.One, iqmp.Multiply(q).Mod(p));
                break;
            default:
                var curve = Encoding.ASCII.GetString(file.KeyFields[0]);
                var domain = ECNamedCurveTable.GetByName("P-" + curve["nistp".Length..]);
                Assert.Equal(bits, domain.Curve.FieldSize);
                Assert.Equal(file.KeyFields[1], domain.G.Multiply(file.Mpint(2)).Normalize().GetEncoded(false));
                break;
        }
    }

    // A second, independent reader of the format: BouncyCastle's own.
    private static void AssertBouncyCastleReadsTheSamePrivateKey(OpenSshPrivateKeyFile file)
    {
        var read = OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(file.Binary);
        switch (file.KeyPair().Private)
        {
            case Ed25519PrivateKeyParameters ed25519:
                Assert.Equal(ed25519.GetEncoded(), Assert.IsType<Ed25519PrivateKeyParameters>(read).GetEncoded());
                break;
            case RsaPrivateCrtKeyParameters rsa:
                var readRsa = Assert.IsType<RsaPrivateCrtKeyParameters>(read);
                Assert.Equal((rsa.Modulus, rsa.Exponent, rsa.P, rsa.Q, rsa.QInv), (readRsa.Modulus, readRsa.Exponent, readRsa.P, readRsa.Q, readRsa.QInv));
                break;
            case ECPrivateKeyParameters ecdsa:
                Assert.Equal(ecdsa.D, Assert.IsType<ECPrivateKeyParameters>(read).D);
                break;
            default:
                Assert.Fail($"The test cannot compare a {file.KeyType} key.");
                break;
        }
    }
}
