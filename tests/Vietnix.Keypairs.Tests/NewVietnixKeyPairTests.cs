using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Errors;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class NewVietnixKeyPairTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-new-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WhatIfSendsNothingAndWritesNoFile()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pem");

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}' -WhatIf");

        // Assert
        Assert.Empty(result.Output);
        Assert.False(File.Exists(keyFile));
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void SavesThePrivateKeyOwnerOnlyWithLfEndingsBeforeEmitting()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pem");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.Is<KeyPairCreateRequest>(request => request.Name == "k" && request.PublicKey == null && request.Type == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(NovaKeyPairs.Generated("k"));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}'");

        // Assert
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.Equal(keyFile, keyPair.PrivateKeyPath);
        Assert.Null(keyPair.PrivateKey);
        var bytes = File.ReadAllBytes(keyFile);
        Assert.Equal(NovaKeyPairs.GeneratedPrivateKey.Replace("\r\n", "\n"), System.Text.Encoding.ASCII.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void AnExistingFileIsNotReplacedWithoutForceAndNothingIsSent()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pem");
        File.WriteAllText(keyFile, "keep me");

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}'");

        // Assert
        Assert.Equal(["PrivateKeyFileExists,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand"], result.ErrorIds);
        Assert.Equal("keep me", File.ReadAllText(keyFile));
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ForceReplacesAnExistingFile()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pem");
        File.WriteAllText(keyFile, "old");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Generated("k"));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}' -Force");

        // Assert
        Assert.Empty(result.Errors);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", File.ReadAllText(keyFile));
    }

    [Fact]
    public void AKeyThatCannotBeSavedStillComesOutWithAnErrorThatSaysSo()
    {
        // Arrange: the folder disappears between the check and the write.
        using var harness = new CmdletHarness();
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "vanishing")).FullName;
        var keyFile = Path.Combine(folder, "k.pem");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => Directory.Delete(folder))
            .ReturnsAsync(NovaKeyPairs.Generated("k"));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}'");

        // Assert
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.NotNull(keyPair.PrivateKey);
        Assert.Null(keyPair.PrivateKeyPath);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PrivateKeyNotSaved,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains("PrivateKey property", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("MIIEpAIBAAKCAQEA", error.ToString());
    }

    [Fact]
    public void WithoutAPathTheKeyIsASecureStringAndAWarningSaysSaveIt()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Generated("k"));

        // Act
        var result = harness.Invoke("New-VietnixKeyPair k | Format-List * | Out-String");

        // Assert
        var text = Assert.IsType<string>(Assert.Single(result.Output));
        Assert.DoesNotContain("MIIEpAIBAAKCAQEA", text);
        Assert.Contains("System.Security.SecureString", text);
        Assert.Contains(result.Warnings, warning => warning.Contains("only in the PrivateKey property"));
    }

    [Fact]
    public void OnePathForSeveralPipedNamesCreatesOnlyTheFirst()
    {
        // Arrange: with one path, each later key would replace (with -Force) or lose the one before.
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "shared.pem");
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) => NovaKeyPairs.Generated(request.Name));

        // Act
        var result = harness.Invoke($"'a', 'b' | New-VietnixKeyPair -PrivateKeyPath '{keyFile}' -Force");

        // Assert
        Assert.Equal("a", Assert.Single(result.KeyPairs).Name);
        Assert.Equal(["OnePathForManyKeys,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand"], result.ErrorIds);
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void AnX509KeyIsSavedAsTheDecodedPkcs12()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k.pfx");
        var pkcs12 = new byte[] { 0x30, 0x82, 0x01, 0x02, 0x03 };
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.Is<KeyPairCreateRequest>(request => request.Type == NovaKeyType.X509), It.IsAny<CancellationToken>()))
            .ReturnsAsync(NovaKeyPairs.Generated("k", "x509", Convert.ToBase64String(pkcs12)));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -Type X509 -PrivateKeyPath '{keyFile}'");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal(pkcs12, File.ReadAllBytes(keyFile));
        Assert.Equal("X509", Assert.Single(result.KeyPairs).Type);
    }

    [Fact]
    public void ARefusalFromTheClientIsAnInvalidArgumentErrorNamingTheKey()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.NameIsFree();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new KeyPairRequestRejectedException(RejectionReason.ServerGenerationUnavailable, "Nova stopped generating key pairs at microversion 2.92"));

        // Act
        var result = harness.Invoke("New-VietnixKeyPair -Name k");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("ServerGenerationUnavailable,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Equal("k", error.TargetObject);
        Assert.Contains("Import-VietnixKeyPair", error.ErrorDetails.RecommendedAction);
    }
}
