using System;
using System.IO;
using System.Runtime.Versioning;
using System.Text;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>The public half of private key files, read without a passphrase, against ssh-keygen's fingerprints.</summary>
public sealed class OpenSshPrivateKeyReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-private-reader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(KeyVectors.OpenSshPrivateKeyFiles), MemberType = typeof(KeyVectors))]
    public void AnUnencryptedFile_GivesTheKeySshKeygenFingerprints(string file)
    {
        // Arrange
        var vector = KeyVectors.OpenSshPrivateKey(file);

        // Act
        var key = OpenSshPrivateKeyReader.ReadPublicKey(KeyVectors.Text(file), out var encrypted);

        // Assert
        Assert.False(encrypted);
        Assert.Equal(vector.Sha256, key.Sha256Fingerprint);
        Assert.Equal(vector.Md5, key.NovaFingerprint);
        Assert.Equal(vector.Bits, key.KeySize);
    }

    [Theory]
    [InlineData("ed25519", "256")]
    [InlineData("rsa", "3072")]
    [InlineData("ecdsa", "384")]
    [SupportedOSPlatform("linux")]
    public void AFileSshKeygenEncrypted_GivesItsPublicKeyWithoutThePassphrase(string type, string bits)
    {
        // Arrange
        var path = Path.Combine(_folder, "id_" + type);
        SshKeygenTool.Succeed(null, "-q", "-t", type, "-b", bits, "-N", "a passphrase not given to the reader", "-f", path);
        var expected = SshKeygenTool.Succeed(null, "-l", "-E", "sha256", "-f", path + ".pub").Split(' ')[1];

        // Act
        var key = OpenSshPrivateKeyReader.ReadPublicKey(File.ReadAllText(path), out var encrypted);

        // Assert
        Assert.True(encrypted);
        Assert.Equal(expected, key.Sha256Fingerprint);
        Assert.Equal(int.Parse(bits), key.KeySize);
        Assert.Null(key.Comment);
    }

    [Fact]
    public void AFileTheModuleEncrypted_GivesTheGeneratedPublicKey()
    {
        // Arrange
        using var passphrase = new PrivateKeyPassphrase(Identity.KeystoneFakes.Secure("passphrase"), 1);
        using var generated = SshKeyGenerator.Generate(SshKeyAlgorithm.Ecdsa, 521, "c", passphrase);

        // Act
        var key = OpenSshPrivateKeyReader.ReadPublicKey(Encoding.ASCII.GetString(generated.PrivateKeyFileContent), out var encrypted);

        // Assert
        Assert.True(encrypted);
        Assert.Equal(generated.PublicKey.Sha256Fingerprint, key.Sha256Fingerprint);
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n", "no BEGIN and END")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nnot base64 at all!\n-----END OPENSSH PRIVATE KEY-----\n", "not base64")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LXdvcmQtaW4tdGhlLWZpbGU=\n-----END OPENSSH PRIVATE KEY-----\n", "openssh-key-v1 marker")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\n", "ends before its public key")]
    public void AFileThatIsNotReadable_IsRefusedWithoutQuotingIt(string text, string why)
    {
        // Act
        var problem = Assert.Throws<PublicKeyFormatException>(() => OpenSshPrivateKeyReader.ReadPublicKey(text, out _));

        // Assert
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-word", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\n", true)]
    [InlineData("\n  -----BEGIN OPENSSH PRIVATE KEY-----\n", true)]
    [InlineData("ssh-ed25519 AAAA", false)]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\n", false)]
    [InlineData(null, false)]
    public void IsPrivateKeyFile_KnowsTheArmour(string? text, bool expected) =>
        Assert.Equal(expected, OpenSshPrivateKeyReader.IsPrivateKeyFile(text));
}
