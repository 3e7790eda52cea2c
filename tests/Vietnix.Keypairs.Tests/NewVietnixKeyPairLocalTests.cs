using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>New-VietnixKeyPair when the key is generated on this machine and only its public half is sent.</summary>
public sealed class NewVietnixKeyPairLocalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-new-local-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FromMicroversion292TheKeyIsAnEd25519KeyMadeHereAndOnlyItsPublicHalfIsSent()
    {
        // Arrange: the session negotiated 2.93, where Nova no longer generates keys.
        using var harness = new CmdletHarness();
        harness.UseMicroversion(ApiVersionRequest.Latest);
        var keyFile = Path.Combine(_folder, "k");
        KeyPairCreateRequest? sent = null;
        ExpectNameIsFree(harness, "k");
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .Callback((KeyPairCreateRequest request, CancellationToken _) => sent = request)
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) => Stored(request));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}' -Verbose");

        // Assert
        Assert.Empty(result.Errors);
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.StartsWith("ssh-ed25519 ", sent!.PublicKey);
        Assert.EndsWith(" k", sent.PublicKey);
        Assert.Null(sent.Type);
        Assert.Equal("GeneratedLocally", keyPair.Origin);
        Assert.Equal("ED25519", keyPair.Algorithm);
        Assert.Equal(keyFile, keyPair.PrivateKeyPath);
        Assert.Null(keyPair.PrivateKey);
        Assert.Contains(result.Verbose, line => line.StartsWith("Generating the key on this machine: at microversion 2.93 Nova no longer generates keys", StringComparison.Ordinal));

        var privateText = File.ReadAllText(keyFile);
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", privateText);
        Assert.DoesNotContain('\r', privateText);
        Assert.Equal(sent.PublicKey + "\n", File.ReadAllText(keyFile + ".pub"));
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        // What was sent is not the private key, nor any part of it.
        var privateBody = string.Concat(privateText.Split('\n').Skip(1).Take(3));
        Assert.DoesNotContain(privateBody, sent.PublicKey);
    }

    [Fact]
    public void BelowMicroversion292KeyAlgorithmAsksForALocalKeyOfThatKindAndSize()
    {
        // Arrange: the default 2.72, where the server would generate unless told otherwise.
        using var harness = new CmdletHarness();
        KeyPairCreateRequest? sent = null;
        ExpectNameIsFree(harness, "k");
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .Callback((KeyPairCreateRequest request, CancellationToken _) => sent = request)
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) => Stored(request));

        // Act
        var result = harness.Invoke("New-VietnixKeyPair -Name k -KeyAlgorithm Ecdsa -KeySize 384 -Comment 'ops key' -WarningVariable warnings");

        // Assert
        Assert.Empty(result.Errors);
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.StartsWith("ecdsa-sha2-nistp384 ", sent!.PublicKey);
        Assert.EndsWith(" ops key", sent.PublicKey);
        Assert.Equal(384, keyPair.KeySize);

        // Without a path the private key is only in the SecureString, and a warning says so.
        Assert.NotNull(keyPair.PrivateKey);
        var text = new System.Net.NetworkCredential(string.Empty, keyPair.PrivateKey).Password;
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", text);
        Assert.Contains(result.Warnings, warning => warning.Contains("only in the PrivateKey property"));
    }

    [Theory]
    [InlineData("-KeyAlgorithm Rsa -KeySize 1024", "InvalidKeySize", "1024 is too weak")]
    [InlineData("-KeyAlgorithm Ecdsa -KeySize 300", "InvalidKeySize", "256, 384 or 521")]
    [InlineData("-KeySize 4096", "KeyOptionNeedsLocalKey", "-KeyAlgorithm")]
    [InlineData("-Comment note", "KeyOptionNeedsLocalKey", "-KeyAlgorithm")]
    [InlineData("-KeyAlgorithm Ed25519 -Type X509", "KeyTypeMismatch", "x509")]
    [InlineData("-KeyAlgorithm Ed25519 -Comment \"two`nlines\"", "InvalidKeyComment", "one line")]
    [InlineData("-KeyAlgorithm Ed25519 -Comment \"red`e[31m\"", "InvalidKeyComment", "control characters")]
    [InlineData("-KeyAlgorithm Ed25519 -Comment \"nul`0\"", "InvalidKeyComment", "control characters")]
    public void OptionsThatCannotWorkAreRefusedBeforeAnythingIsSentOrWritten(string parameters, string errorId, string explanation)
    {
        // Arrange: a strict mock, so any request beyond negotiation would fail the test.
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k");

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}' {parameters}");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains(explanation, error.ToString() + error.ErrorDetails?.RecommendedAction);
        Assert.Contains("Nothing was sent and no file was written.", error.ErrorDetails!.RecommendedAction);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void WhatIfGeneratesNothingWritesNothingAndSendsNothing()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.UseMicroversion(ApiVersionRequest.Latest);
        var keyFile = Path.Combine(_folder, "k");

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}' -WhatIf");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void ANameAlreadyTakenIsRefusedBeforeAKeyIsGeneratedOrWritten()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.UseMicroversion(ApiVersionRequest.Latest);
        harness.Client.Setup(client => client.GetAsync("k", null, It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("k"));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{Path.Combine(_folder, "k")}'");

        // Assert
        Assert.Equal(["KeyPairAlreadyExists,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand"], result.ErrorIds);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void AnImportThatFailsAfterTheFilesWereWrittenKeepsThemAndTheErrorSaysWhere()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.UseMicroversion(ApiVersionRequest.Latest);
        var keyFile = Path.Combine(_folder, "k");
        ExpectNameIsFree(harness, "k");
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(403, "Quota exceeded, too many key pairs.", "POST"));

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -PrivateKeyPath '{keyFile}'");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("KeyPairQuotaExceeded,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"The private key is kept in '{keyFile}'", error.ToString());
        Assert.Contains($"Import-VietnixKeyPair -Name 'k' -Path '{keyFile}.pub'", error.ErrorDetails!.RecommendedAction);
        Assert.True(File.Exists(keyFile));
        Assert.True(File.Exists(keyFile + ".pub"));
    }

    [Fact]
    public void AnExistingPublicKeyFileIsRefusedLikeTheKeyFileItself()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var keyFile = Path.Combine(_folder, "k");
        File.WriteAllText(keyFile + ".pub", "someone else's key\n");

        // Act
        var result = harness.Invoke($"New-VietnixKeyPair -Name k -KeyAlgorithm Ed25519 -PrivateKeyPath '{keyFile}'");

        // Assert
        Assert.Equal(["PrivateKeyFileExists,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand"], result.ErrorIds);
        Assert.Equal("someone else's key\n", File.ReadAllText(keyFile + ".pub"));
        Assert.False(File.Exists(keyFile));
    }

    [Fact]
    public void CtrlCWhileAnRsaKeyIsGeneratedStopsTheCommandWithNoFileWrittenAndNothingSent()
    {
        // Arrange: the name check comes right before the generation, which for 4096 bits takes a second or more.
        using var harness = new CmdletHarness();
        using var nameChecked = new ManualResetEventSlim();
        harness.Client.Setup(client => client.GetAsync("k", null, It.IsAny<CancellationToken>()))
            .Callback(nameChecked.Set)
            .ThrowsAsync(ApiErrors.Status(404, "Keypair k not found for user user-1"));
        var keyFile = Path.Combine(_folder, "k");
        using var shell = PowerShell.Create();
        shell.Runspace = harness.Runspace;
        shell.AddCommand("New-VietnixKeyPair").AddParameter("Name", "k").AddParameter("KeyAlgorithm", "Rsa")
            .AddParameter("KeySize", 4096).AddParameter("PrivateKeyPath", keyFile);
        var running = shell.BeginInvoke();
        Assert.True(nameChecked.Wait(TimeSpan.FromMinutes(2)), "New-VietnixKeyPair never got to the generation.");
        Thread.Sleep(50);

        // Act
        shell.Stop();

        // Assert: stopped (the strict mock would throw on any import), and no key file anywhere.
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static void ExpectNameIsFree(CmdletHarness harness, string name) =>
        harness.Client.Setup(client => client.GetAsync(name, null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(404, $"Keypair {name} not found for user user-1"));

    // What Nova stores for an imported key: its MD5 fingerprint, computed here as Nova does.
    private static NovaKeyPair Stored(KeyPairCreateRequest request) =>
        new(request.Name, request.PublicKey!, PublicKeyText.ParseSingle(request.PublicKey).NovaFingerprint) { Type = "ssh", UserId = "user-1" };
}
