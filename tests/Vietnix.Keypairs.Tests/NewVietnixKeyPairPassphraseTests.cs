using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Client.Tests.Keys;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>New-VietnixKeyPair -Passphrase: the private key file encrypted as ssh-keygen -N does, checked with ssh-keygen.</summary>
[SupportedOSPlatform("linux")]
public sealed class NewVietnixKeyPairPassphraseTests : IDisposable
{
    private const string PassphraseText = "never-in-any-stream correct horse";

    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-new-passphrase-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("-Passphrase $passphrase", "PassphraseNeedsPrivateKeyPath", "a passphrase protects a file")]
    [InlineData("-Passphrase $passphrase -KeyAlgorithm Rsa", "PassphraseNeedsPrivateKeyPath", "a passphrase protects a file")]
    [InlineData("-PrivateKeyPath $keyFile -Passphrase $empty", "PassphraseEmpty", "leave out -Passphrase")]
    [InlineData("-PrivateKeyPath $keyFile -KdfRounds 32", "KdfRoundsNeedPassphrase", "-Passphrase (Read-Host -AsSecureString)")]
    [InlineData("-PrivateKeyPath $keyFile -Passphrase $passphrase -Type X509", "PassphraseNeedsSshKey", "PKCS#12")]
    public void APassphraseThatCannotProtectAFileIsRefusedBeforeSigningIn(string parameters, string errorId, string explanation)
    {
        // Arrange: a strict mock without even a negotiation set up, so any call fails the test.
        using var harness = new CmdletHarness();
        var variables = Variables(Path.Combine(_folder, "k"));
        variables["empty"] = new System.Security.SecureString();

        // Act: one error for the whole command, not one per piped name.
        var result = harness.Invoke($"'a', 'b' | New-VietnixKeyPair {parameters}", variables);

        // Assert
        var error = result.Terminating!;
        Assert.Equal($"{errorId},Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains(explanation, error.ToString() + error.ErrorDetails?.RecommendedAction);
        Assert.Contains("Nothing was sent and no file was written.", error.ErrorDetails!.RecommendedAction);
        Assert.Empty(result.Output);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("Ed25519", "ssh-ed25519")]
    [InlineData("Ecdsa -KeySize 384", "ecdsa-sha2-nistp384")]
    public void ALocalKeyIsSavedEncryptedAndOnlyThePassphraseOpensIt(string algorithm, string keyType)
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.UseMicroversion(ApiVersionRequest.Latest);
        var keyFile = Path.Combine(_folder, "k");
        KeyPairCreateRequest? sent = null;
        ExpectNameIsFree(harness, "k");
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .Callback((KeyPairCreateRequest request, CancellationToken _) => sent = request)
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) => Stored(request));

        // Act
        var result = harness.Invoke($"$DebugPreference = 'Continue'; New-VietnixKeyPair -Name k -KeyAlgorithm {algorithm} -PrivateKeyPath $keyFile -Passphrase $passphrase -Verbose", Variables(keyFile));

        // Assert
        Assert.Empty(result.Errors);
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.Null(keyPair.PrivateKey);
        Assert.StartsWith(keyType + " ", sent!.PublicKey);
        Assert.Equal(("aes256-ctr", "bcrypt", 16, 16u), Encryption(keyFile));
        Assert.Equal(sent.PublicKey, SshKeygenTool.Succeed(null, "-y", "-P", PassphraseText, "-f", keyFile).TrimEnd('\n'));
        Assert.NotEqual(0, SshKeygenTool.Run(null, "-y", "-P", "wrong", "-f", keyFile).ExitCode);
        Assert.Contains(result.Verbose, line => line.Contains("encrypted with the passphrase (aes256-ctr, bcrypt with 16 rounds)", StringComparison.Ordinal));
        AssertPassphraseNowhere(result);
    }

    [Fact]
    public void KdfRoundsSetsTheRoundsWrittenInTheFile()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.UseMicroversion(ApiVersionRequest.Latest);
        var keyFile = Path.Combine(_folder, "k");
        ExpectNameIsFree(harness, "k");
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) => Stored(request));

        // Act
        var result = harness.Invoke("New-VietnixKeyPair -Name k -PrivateKeyPath $keyFile -Passphrase $passphrase -KdfRounds 5", Variables(keyFile));

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal(5u, Encryption(keyFile).Rounds);
        Assert.Equal(File.ReadAllText(keyFile + ".pub").TrimEnd('\n'), SshKeygenTool.Succeed(null, "-y", "-P", PassphraseText, "-f", keyFile).TrimEnd('\n'));
    }

    [Fact]
    public void AServerGeneratedKeyIsReencodedEncryptedSoItsPemNeverReachesTheDisk()
    {
        // Arrange: Nova's answer below 2.92, with a real PKCS#1 key as Nova makes it.
        using var harness = new CmdletHarness();
        var (pem, publicKey) = NovaStyleKey();
        var keyFile = Path.Combine(_folder, "k.pem");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NovaKeyPair("k", publicKey, "aa:bb") { Type = "ssh", PrivateKey = pem });

        // Act
        var result = harness.Invoke("New-VietnixKeyPair -Name k -PrivateKeyPath $keyFile -Passphrase $passphrase -Verbose", Variables(keyFile));

        // Assert
        Assert.Empty(result.Errors);
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.Equal("GeneratedByServer", keyPair.Origin);
        Assert.Null(keyPair.PrivateKey);
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", File.ReadAllText(keyFile));
        Assert.Equal(("aes256-ctr", "bcrypt", 16, 16u), Encryption(keyFile));
        Assert.Equal(publicKey, SshKeygenTool.Succeed(null, "-y", "-P", PassphraseText, "-f", keyFile).TrimEnd('\n'));
        Assert.Equal(publicKey + "\n", File.ReadAllText(keyFile + ".pub"));
        AssertPassphraseNowhere(result);
    }

    [Fact]
    public void AServerKeyThatIsNotItsPublicKeysIsNotSavedAndStaysInTheOutput()
    {
        // Arrange: the private key of one key pair with the public key of another.
        using var harness = new CmdletHarness();
        var (pem, _) = NovaStyleKey();
        var (_, otherPublicKey) = NovaStyleKey();
        var keyFile = Path.Combine(_folder, "k.pem");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NovaKeyPair("k", otherPublicKey, "aa:bb") { Type = "ssh", PrivateKey = pem });

        // Act
        var result = harness.Invoke("New-VietnixKeyPair -Name k -PrivateKeyPath $keyFile -Passphrase $passphrase", Variables(keyFile));

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("PrivateKeyNotSaved,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains("does not belong to its public key", error.ToString());
        Assert.NotNull(Assert.Single(result.KeyPairs).PrivateKey);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    private static Dictionary<string, object?> Variables(string keyFile) => new()
    {
        ["keyFile"] = keyFile,
        ["passphrase"] = CmdletHarness.Secure(PassphraseText),
    };

    private static void AssertPassphraseNowhere(InvocationResult result)
    {
        var everything = result.Verbose.Concat(result.Debug).Concat(result.Warnings).Concat(result.Errors.Select(error => error.ToString()))
            .Concat(result.KeyPairs.SelectMany(keyPair => keyPair.GetType().GetProperties().Select(property => property.GetValue(keyPair)?.ToString() ?? string.Empty)));
        Assert.DoesNotContain(everything, text => text.Contains(PassphraseText, StringComparison.Ordinal) || text.Contains("correct horse", StringComparison.Ordinal));
    }

    // The cipher, kdf, salt length and rounds in the clear part of an openssh-key-v1 file.
    private static (string Cipher, string Kdf, int SaltLength, uint Rounds) Encryption(string keyFile)
    {
        var lines = File.ReadAllLines(keyFile);
        var binary = Convert.FromBase64String(string.Concat(lines.Skip(1).Take(lines.Length - 2)));
        var position = "openssh-key-v1\0".Length;
        byte[] Next()
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(binary.AsSpan(position));
            var value = binary.AsSpan(position + 4, length).ToArray();
            position += 4 + length;
            return value;
        }

        var cipher = Encoding.ASCII.GetString(Next());
        var kdf = Encoding.ASCII.GetString(Next());
        var options = Next();
        var saltLength = (int)BinaryPrimitives.ReadUInt32BigEndian(options);
        return (cipher, kdf, saltLength, BinaryPrimitives.ReadUInt32BigEndian(options.AsSpan(4 + saltLength)));
    }

    // ssh-keygen -m PEM writes the PKCS#1 "RSA PRIVATE KEY" text Nova returns; the comment is Nova's.
    private (string Pem, string PublicKey) NovaStyleKey()
    {
        var path = Path.Combine(_folder, "nova-" + Guid.NewGuid().ToString("N"));
        SshKeygenTool.Succeed(null, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", string.Empty, "-C", "Generated-by-Nova", "-f", path);
        var key = (File.ReadAllText(path), File.ReadAllText(path + ".pub").TrimEnd('\n'));
        File.Delete(path);
        File.Delete(path + ".pub");
        return key;
    }

    private static void ExpectNameIsFree(CmdletHarness harness, string name) =>
        harness.Client.Setup(client => client.GetAsync(name, null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(404, $"Keypair {name} not found for user user-1"));

    private static NovaKeyPair Stored(KeyPairCreateRequest request) =>
        new(request.Name, request.PublicKey!, PublicKeyText.ParseSingle(request.PublicKey).NovaFingerprint) { Type = "ssh", UserId = "user-1" };
}
