using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Security;
using Org.BouncyCastle.Security;
using Vietnix.Keypairs.Client.Keys;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>
/// Passphrase-protected key files and OpenSSH, both ways: ssh-keygen opens the files the module
/// encrypts (and refuses a wrong passphrase, and can change it), and the files ssh-keygen encrypts
/// are decrypted by the test reader with the module's bcrypt_pbkdf, then written again by the
/// module's encoder byte for byte.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PassphraseInteropTests : IDisposable
{
    private const string Passphrase = "Tàu ngầm vàng 🚢 yellow submarine";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-passphrase-").FullName;

    /// <summary>Ed25519, RSA 3072 (the default size) and ECDSA P-384, as the module names them.</summary>
    public static TheoryData<SshKeyAlgorithm, int?> Algorithms => new()
    {
        { SshKeyAlgorithm.Ed25519, null },
        { SshKeyAlgorithm.Rsa, null },
        { SshKeyAlgorithm.Ecdsa, 384 },
    };

    /// <summary>The same three, as ssh-keygen -t and -b name them.</summary>
    public static TheoryData<string, string> SshKeygenAlgorithms => new()
    {
        { "ed25519", "256" },
        { "rsa", "3072" },
        { "ecdsa", "384" },
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SshKeygen_OpensOurEncryptedFile_OnlyWithItsPassphrase(SshKeyAlgorithm algorithm, int? keySize)
    {
        // Arrange
        var key = GeneratedKeys.Get(algorithm, keySize);
        var path = WriteOwnerOnly("ours", Encrypted(key, PrivateKeyPassphrase.DefaultRounds));

        // Act
        var publicLine = SshKeygenTool.Succeed(null, "-y", "-P", Passphrase, "-f", path).TrimEnd('\n');
        var (wrongExit, wrongOutput) = SshKeygenTool.Run(null, "-y", "-P", "wrong", "-f", path);
        var (noneExit, _) = SshKeygenTool.Run(null, "-y", "-P", string.Empty, "-f", path);

        // Assert
        Assert.Equal(key.PublicKeyLine, publicLine);
        Assert.NotEqual(0, wrongExit);
        Assert.Contains("incorrect passphrase", wrongOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, noneExit);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SshKeygen_ChangesThePassphraseOfOurFile(SshKeyAlgorithm algorithm, int? keySize)
    {
        // Arrange
        var key = GeneratedKeys.Get(algorithm, keySize);
        var path = WriteOwnerOnly("ours", Encrypted(key, PrivateKeyPassphrase.DefaultRounds));

        // Act
        SshKeygenTool.Succeed(null, "-p", "-P", Passphrase, "-N", "a new passphrase", "-f", path);
        var publicLine = SshKeygenTool.Succeed(null, "-y", "-P", "a new passphrase", "-f", path).TrimEnd('\n');
        var (oldExit, _) = SshKeygenTool.Run(null, "-y", "-P", Passphrase, "-f", path);

        // Assert
        Assert.Equal(key.PublicKeyLine, publicLine);
        Assert.NotEqual(0, oldExit);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void OurEncryptedFile_HasSshKeygensCipherKdfAndPadding(SshKeyAlgorithm algorithm, int? keySize)
    {
        // Arrange
        var key = GeneratedKeys.Get(algorithm, keySize);

        // Act
        var file = OpenSshPrivateKeyFile.Read(Encrypted(key, 3), Passphrase);

        // Assert
        Assert.Equal(("aes256-ctr", "bcrypt", 16, 3u), (file.CipherName, file.KdfName, file.KdfSalt.Length, file.KdfRounds));
        Assert.Equal(0, file.PrivateSectionLength % 16);
        Assert.InRange(file.Padding.Length, 0, 15);
        Assert.Equal(Enumerable.Range(1, file.Padding.Length).Select(i => (byte)i), file.Padding);
        Assert.Equal(OpenSshPrivateKeyEncoder.PublicKeyBlob(file.KeyPair().Public), file.PublicBlob);
        Assert.Throws<InvalidDataException>(() => OpenSshPrivateKeyFile.Read(Encrypted(key, 3), "wrong"));
    }

    [Fact]
    public void Generate_WithAPassphrase_WritesAFileSshKeygenOpens()
    {
        // Arrange
        using var passphrase = new PrivateKeyPassphrase(Secure(Passphrase), 4);

        // Act
        using var key = SshKeyGenerator.Generate(SshKeyAlgorithm.Ed25519, null, "with-passphrase@vietnix-tests", passphrase);
        var path = WriteOwnerOnly("generated", key.PrivateKeyFileContent);

        // Assert
        Assert.Equal(key.PublicKeyLine, SshKeygenTool.Succeed(null, "-y", "-P", Passphrase, "-f", path).TrimEnd('\n'));
        Assert.Equal(4u, OpenSshPrivateKeyFile.Read(key.PrivateKeyFileContent, Passphrase).KdfRounds);
    }

    [Theory]
    [MemberData(nameof(SshKeygenAlgorithms))]
    public void SshKeygensEncryptedFile_IsDecryptedByTheModulesKdf_AndWrittenAgainByteForByte(string keygenType, string bits)
    {
        // Arrange: ssh-keygen encrypts with its defaults, aes256-ctr and bcrypt, and -a 16 rounds.
        var path = Path.Combine(_folder, "theirs");
        SshKeygenTool.Succeed(null, "-q", "-t", keygenType, "-b", bits, "-N", Passphrase, "-a", "16", "-C", "by-ssh-keygen@vietnix-tests", "-f", path);
        var content = File.ReadAllBytes(path);

        // Act
        var file = OpenSshPrivateKeyFile.Read(content, Passphrase);
        using var passphrase = new PrivateKeyPassphrase(Secure(Passphrase), (int)file.KdfRounds);
        var written = OpenSshPrivateKeyEncoder.Encode(file.KeyPair(), file.Comment, file.CheckInt, passphrase, file.KdfSalt);

        // Assert
        Assert.Equal(("aes256-ctr", "bcrypt", 16u), (file.CipherName, file.KdfName, file.KdfRounds));
        Assert.Equal(File.ReadAllText(path + ".pub").TrimEnd('\n'), PublicLine(file));
        Assert.Equal(content, written);
        Assert.Throws<InvalidDataException>(() => OpenSshPrivateKeyFile.Read(content, Passphrase + "!"));
    }

    private static byte[] Encrypted(GeneratedSshKey key, int rounds)
    {
        var unencrypted = OpenSshPrivateKeyFile.Read(key.PrivateKeyFileContent);
        using var passphrase = new PrivateKeyPassphrase(Secure(Passphrase), rounds);
        return OpenSshPrivateKeyEncoder.Encode(unencrypted.KeyPair(), unencrypted.Comment, (uint)new SecureRandom().NextInt(), passphrase);
    }

    private static string PublicLine(OpenSshPrivateKeyFile file) =>
        $"{file.KeyType} {Convert.ToBase64String(file.PublicBlob)} {file.Comment}";

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        return secure;
    }

    private string WriteOwnerOnly(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite };
        using (var stream = new FileStream(path, options))
        {
            stream.Write(content);
        }

        return path;
    }
}
