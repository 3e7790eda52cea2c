using System;
using System.Linq;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>The encoder against files ssh-keygen wrote (tests/fixtures/keys/openssh-private).</summary>
public class OpenSshPrivateKeyEncoderTests
{
    private const string Ed25519Vector = "openssh-private/id_ed25519";

    [Theory]
    [MemberData(nameof(KeyVectors.OpenSshPrivateKeyFiles), MemberType = typeof(KeyVectors))]
    public void SshKeygenFile_ReencodedWithItsCheckNumberAndComment_IsTheSameBytes(string file)
    {
        // Arrange
        var expected = KeyVectors.Bytes(file);
        var decoded = OpenSshPrivateKeyFile.Read(expected);

        // Act
        var encoded = OpenSshPrivateKeyEncoder.Encode(decoded.KeyPair(), decoded.Comment, decoded.CheckInt);

        // Assert
        Assert.Equal(expected, encoded);
    }

    [Theory]
    [MemberData(nameof(KeyVectors.OpenSshPrivateKeyFiles), MemberType = typeof(KeyVectors))]
    public void PublicKeyBlob_IsThePubFilesKey_WithSshKeygensFingerprints(string file)
    {
        // Arrange
        var vector = KeyVectors.OpenSshPrivateKey(file);
        var decoded = OpenSshPrivateKeyFile.Read(KeyVectors.Bytes(file));
        var pubFile = PublicKeyText.ParseSingle(KeyVectors.Text(file + ".pub"));

        // Act
        var blob = OpenSshPrivateKeyEncoder.PublicKeyBlob(decoded.KeyPair().Public);

        // Assert
        Assert.Equal(pubFile.FingerprintInput, blob);
        Assert.Equal(decoded.PublicBlob, blob);
        Assert.Equal(vector.Md5, Fingerprints.Md5ColonHex(blob));
        Assert.Equal(vector.Sha256, Fingerprints.Sha256(blob));
        Assert.Equal(vector.Algorithm, decoded.KeyType);
        Assert.Equal(vector.Comment, decoded.Comment);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void PrivateSection_IsPaddedWithCountingBytes_ToAMultipleOfEight(int commentLength)
    {
        // Arrange
        var keyPair = OpenSshPrivateKeyFile.Read(KeyVectors.Bytes(Ed25519Vector)).KeyPair();
        var comment = new string('c', commentLength);

        // Act
        var file = OpenSshPrivateKeyFile.Read(OpenSshPrivateKeyEncoder.Encode(keyPair, comment, checkInt: 7));

        // Assert
        Assert.Equal(0, file.PrivateSectionLength % 8);
        Assert.InRange(file.Padding.Length, 0, 7);
        Assert.Equal(Enumerable.Range(1, file.Padding.Length).Select(i => (byte)i), file.Padding);
        Assert.Equal(comment, file.Comment);
    }

    [Fact]
    public void CheckNumber_IsWrittenTwice_BigEndian()
    {
        // Arrange
        var keyPair = OpenSshPrivateKeyFile.Read(KeyVectors.Bytes(Ed25519Vector)).KeyPair();

        // Act
        var file = OpenSshPrivateKeyFile.Read(OpenSshPrivateKeyEncoder.Encode(keyPair, "c", checkInt: 0xdeadbeef));

        // Assert
        Assert.Equal(0xdeadbeefu, file.CheckInt);
        Assert.Equal(0xdeadbeefu, file.SecondCheckInt);
    }

    [Fact]
    public void Comment_IsStoredAsUtf8()
    {
        // Arrange
        var keyPair = OpenSshPrivateKeyFile.Read(KeyVectors.Bytes(Ed25519Vector)).KeyPair();
        const string comment = "khóa của Minh@máy-tính";

        // Act
        var file = OpenSshPrivateKeyFile.Read(OpenSshPrivateKeyEncoder.Encode(keyPair, comment, checkInt: 1));

        // Assert
        Assert.Equal(comment, file.Comment);
    }

    [Fact]
    public void EcdsaKeyOnACurveOpenSshDoesNotKnow_IsRefused()
    {
        // Arrange: secp256k1 is a named curve, but not one of OpenSSH's NIST curves.
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256k1, new SecureRandom()));
        var keyPair = generator.GenerateKeyPair();

        // Act
        var exception = Assert.Throws<ArgumentException>(() => OpenSshPrivateKeyEncoder.Encode(keyPair, "c", checkInt: 1));

        // Assert
        Assert.Contains("P-256, P-384 and P-521", exception.Message);
    }
}
