using System.IO;
using System.Linq;
using System.Threading;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Models;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class ImportVietnixKeyPairTests : System.IDisposable
{
    private const string RsaPublicKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCkF3MX59OrlBs3dH5CU7lNmvpbrgZxSpyGjlnE8Flkirnc/Up22lpjznoxqeoTAwTW034k7Dz6aYIrZGmQwe2TkE084yqvlj45Dkyoj95fW/sZacm0cZNuL69EObEGHdprfGJQajrpz22NQoCD8TFB8Wv+8om9NH9Le6s+WPe98WC77KLw8qgfQsbIey+JawPWl4O67ZdL5xrypuRjfIPWjgy/VH85IXg/Z/GONZ2nxHgSShMkwqSFECAC5L3PHB+0+/12M/iikdatFSVGjpuHvkLOs3oe7m6HlOfluSJ85BzLWBbvva93qkGmLg4ZAc8rPh2O+YIsBUHNLLMM/oQp Generated-by-Nova";
    private const string RsaFingerprint = "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd";

    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PipedLinesAreCollectedNormalisedAndSentOnce()
    {
        // Arrange: a tab and a double space between fields, as hand-edited .pub files have.
        using var harness = new CmdletHarness();
        var expected = NovaKeyPairs.Ed25519PublicKey;
        harness.Client.Setup(client => client.CreateAsync(It.Is<KeyPairCreateRequest>(request => request.Name == "k" && request.PublicKey == expected && request.Type == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NovaKeyPair("k", expected, NovaKeyPairs.Ed25519Fingerprint) { Type = "ssh" });

        // Act
        var result = harness.Invoke("'', '# my key', \"ssh-ed25519`tAAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e  rs-ed25519  \" | Import-VietnixKeyPair -Name k");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal("k", Assert.Single(result.KeyPairs).Name);
    }

    [Fact]
    public void GetContentLinesBindAsKeyTextNotAsPaths()
    {
        // Arrange: Get-Content's lines carry a PSPath note property, which must not bind to -LiteralPath.
        using var harness = new CmdletHarness();
        var file = Path.Combine(_folder, "id_ed25519.pub");
        File.WriteAllText(file, NovaKeyPairs.Ed25519PublicKey + "\n");
        harness.Client.Setup(client => client.CreateAsync(It.Is<KeyPairCreateRequest>(request => request.Name == "from-content"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NovaKeyPair("from-content", NovaKeyPairs.Ed25519PublicKey, NovaKeyPairs.Ed25519Fingerprint));

        // Act
        var result = harness.Invoke($"Get-Content -LiteralPath '{file}' | Import-VietnixKeyPair -Name from-content");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Single(result.KeyPairs);
    }

    [Fact]
    public void FilesFromGetChildItemAreNamedAfterTheirBaseName()
    {
        // Arrange
        using var harness = new CmdletHarness();
        File.WriteAllText(Path.Combine(_folder, "alpha.pub"), NovaKeyPairs.Ed25519PublicKey);
        File.WriteAllText(Path.Combine(_folder, "beta.pub"), RsaPublicKey + "\r\n");
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((KeyPairCreateRequest request, CancellationToken _) =>
                new NovaKeyPair(request.Name, request.PublicKey!, request.Name == "alpha" ? NovaKeyPairs.Ed25519Fingerprint : RsaFingerprint));

        // Act
        var result = harness.Invoke($"Get-ChildItem -Path '{_folder}' -Filter *.pub | Import-VietnixKeyPair");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal(["alpha", "beta"], result.KeyPairs.Select(keyPair => keyPair.Name).Order());
    }

    [Fact]
    public void SeveralKeysUnderOneNameAreRefusedBeforeAnythingIsSent()
    {
        // Arrange
        using var harness = new CmdletHarness();

        // Act
        var result = harness.Invoke($"'{NovaKeyPairs.Ed25519PublicKey}', '{RsaPublicKey}' | Import-VietnixKeyPair -Name k");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidPublicKey,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains("2 public keys", error.ToString());
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void APrivateKeyIsRefusedAndNeverSent()
    {
        // Arrange
        using var harness = new CmdletHarness();

        // Act
        var result = harness.Invoke("'-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2', '-----END OPENSSH PRIVATE KEY-----' | Import-VietnixKeyPair -Name k");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidPublicKey,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Contains("private key", error.ToString());
        Assert.DoesNotContain("b3BlbnNzaC1rZXktdjEAAAAABG5v", error.ToString());
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void DescriptionIsAppendedAsTheVendorMarkerWithoutChangingTheKey()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var expected = NovaKeyPairs.Ed25519PublicKey + " VSTOR-KEY-DESC:Key3 description";
        harness.Client.Setup(client => client.CreateAsync(It.Is<KeyPairCreateRequest>(request => request.PublicKey == expected), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NovaKeyPair("k", expected, NovaKeyPairs.Ed25519Fingerprint));

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair -Name k -PublicKey '{NovaKeyPairs.Ed25519PublicKey}' -Description 'Key3 description'");

        // Assert
        Assert.Equal("Key3 description", Assert.Single(result.KeyPairs).Description);
    }

    [Fact]
    public void AServerFingerprintThatDiffersFromTheLocalOneIsAnError()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NovaKeyPair("k", NovaKeyPairs.Ed25519PublicKey, "d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e"));

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair k -PublicKey '{NovaKeyPairs.Ed25519PublicKey}'");

        // Assert
        Assert.Empty(result.Output);
        Assert.Equal(["FingerprintMismatch,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand"], result.ErrorIds);
    }

    [Fact]
    public void WhatIfSendsNothing()
    {
        // Arrange
        using var harness = new CmdletHarness();

        // Act
        var result = harness.Invoke($"'{NovaKeyPairs.Ed25519PublicKey}' | Import-VietnixKeyPair -Name k -WhatIf");

        // Assert
        Assert.Empty(result.Errors);
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ADeclaredTypeThatContradictsTheKeyIsRefused()
    {
        // Arrange
        using var harness = new CmdletHarness();

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair k -PublicKey '{NovaKeyPairs.Ed25519PublicKey}' -Type X509");

        // Assert
        Assert.Equal(["KeyTypeMismatch,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand"], result.ErrorIds);
    }

    [Fact]
    public void OneNameForSeveralFilesIsRefusedWholeBeforeAnythingIsSent()
    {
        // Arrange
        using var harness = new CmdletHarness();
        File.WriteAllText(Path.Combine(_folder, "a.pub"), NovaKeyPairs.Ed25519PublicKey);
        File.WriteAllText(Path.Combine(_folder, "b.pub"), NovaKeyPairs.Ed25519PublicKey);
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NovaKeyPair("k", NovaKeyPairs.Ed25519PublicKey, NovaKeyPairs.Ed25519Fingerprint));

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair -Name k -Path '{Path.Combine(_folder, "*.pub")}'");

        // Assert
        Assert.Equal(["OneNameForManyKeys,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand"], result.ErrorIds);
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ADescriptionOnACertificateIsRefusedWithTheRightReason()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var certificate = File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "fixtures", "keys", "cert_x509.pem"));

        // Act
        var result = harness.Invoke("Import-VietnixKeyPair -Name c -PublicKey $certificate -Description 'x'", new System.Collections.Generic.Dictionary<string, object?> { ["certificate"] = certificate });

        // Assert
        Assert.Equal(["DescriptionNeedsSshKey,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand"], result.ErrorIds);
        harness.Client.Verify(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("-Path '{0}/nothing*.pub'")]
    [InlineData("-LiteralPath '{0}'")]
    public void APathThatNamesNoFileIsAnObjectNotFoundError(string parameters)
    {
        // Arrange: a wildcard that matches nothing, and a folder where a file is expected.
        using var harness = new CmdletHarness();

        // Act
        var result = harness.Invoke("Import-VietnixKeyPair " + string.Format(System.Globalization.CultureInfo.InvariantCulture, parameters, _folder));

        // Assert
        Assert.Equal(["PublicKeyFileNotFound,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand"], result.ErrorIds);
    }

    [Fact]
    public void AMissingFileIsAnObjectNotFoundError()
    {
        // Arrange
        using var harness = new CmdletHarness();

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair -LiteralPath '{Path.Combine(_folder, "none.pub")}'");

        // Assert
        Assert.Equal(["PublicKeyFileNotFound,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand"], result.ErrorIds);
    }

    [Fact]
    public void TheSameKeyUnderTheNameIsEmittedUnchangedWithoutAnError()
    {
        // Arrange: Nova answers 409, and the stored key pair has the same fingerprint.
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(409, "Key pair 'k' already exists.", "POST"));
        harness.Client.Setup(client => client.GetAsync("k", null, It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("k"));

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair -Name k -PublicKey '{NovaKeyPairs.Ed25519PublicKey}' -Verbose");

        // Assert
        Assert.Empty(result.Errors);
        var keyPair = Assert.Single(result.KeyPairs);
        Assert.Null(keyPair.Origin);
        Assert.Contains(result.Verbose, line => line.StartsWith("'k' already holds this key (SHA256:", System.StringComparison.Ordinal) && line.EndsWith("): nothing changed.", System.StringComparison.Ordinal));
        harness.Client.Verify(client => client.DeleteAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void AnotherKeyUnderTheNameIsResourceExistsWithBothFingerprints()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(409, "Key pair 'k' already exists.", "POST"));
        harness.Client.Setup(client => client.GetAsync("k", null, It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("k", RsaPublicKey, RsaFingerprint));

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair -Name k -PublicKey '{NovaKeyPairs.Ed25519PublicKey}'");

        // Assert
        var error = Assert.Single(result.Errors);
        Assert.Equal("KeyPairAlreadyExists,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains(RsaFingerprint, error.ToString());
        Assert.Contains(NovaKeyPairs.Ed25519Fingerprint, error.ToString());
        Assert.Empty(result.KeyPairs);
    }

    [Fact]
    public void ForceReplacesAnotherKeyByReadingDeletingThenImporting()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var calls = new System.Collections.Generic.List<string>();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("create"))
            .ReturnsAsync(NovaKeyPairs.Shown("k"));
        harness.Client.Setup(client => client.GetAsync("k", null, It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("k", RsaPublicKey, RsaFingerprint));
        harness.Client.Setup(client => client.DeleteAsync("k", null, It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("delete"))
            .Returns(System.Threading.Tasks.Task.CompletedTask);

        // Act
        var result = harness.Invoke($"Import-VietnixKeyPair -Name k -PublicKey '{NovaKeyPairs.Ed25519PublicKey}' -Force");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal(NovaKeyPairs.Ed25519Fingerprint, Assert.Single(result.KeyPairs).Fingerprint);
        Assert.Equal(["delete", "create"], calls);
        harness.Client.Verify(client => client.GetAsync("k", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void ImportedKeyPairsCarryTheirOriginAndWhatTheKeyTells()
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(NovaKeyPairs.Shown("k", RsaPublicKey, RsaFingerprint));

        // Act
        var keyPair = Assert.Single(harness.Invoke($"Import-VietnixKeyPair -Name k -PublicKey '{RsaPublicKey}'").KeyPairs);

        // Assert: ssh-keygen -l prints "2048 SHA256:… (RSA)" for this key.
        Assert.Equal("Imported", keyPair.Origin);
        Assert.Equal("RSA", keyPair.Algorithm);
        Assert.Equal(2048, keyPair.KeySize);
        Assert.StartsWith("SHA256:", keyPair.Sha256Fingerprint);
    }
}
