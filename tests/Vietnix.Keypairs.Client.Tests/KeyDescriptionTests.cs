using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class KeyDescriptionTests
{
    private static readonly string[] RsaFields = KeyVectors.Line("id_rsa2048.pub").Split(' ');

    [Fact]
    public void Extract_ReadsTheVendorSampleDescription()
    {
        // Arrange: the vendor doc's "ssh-rsa AAAA<...> VSTOR-KEY-DESC:Key2 description", with real key data.
        var stored = $"ssh-rsa {RsaFields[1]} VSTOR-KEY-DESC:Key2 description";

        // Act
        var description = KeyDescription.Extract(stored);

        // Assert
        Assert.Equal("Key2 description", description);
    }

    [Fact]
    public void Extract_IgnoresNovasTrailingNewline()
    {
        // Arrange
        var stored = $"ssh-rsa {RsaFields[1]} laptop VSTOR-KEY-DESC:Key3 description\n";

        // Act
        var description = KeyDescription.Extract(stored);

        // Assert
        Assert.Equal("Key3 description", description);
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e rs-ed25519")]
    [InlineData(null)]
    public void Extract_WithoutMarker_IsNull(string? stored)
    {
        // Arrange (inline data)

        // Act
        var description = KeyDescription.Extract(stored);

        // Assert
        Assert.Null(description);
    }

    [Fact]
    public void Extract_FromACertificate_IsNull()
    {
        // Arrange
        var certificate = KeyVectors.Text("cert_x509.pem");

        // Act
        var description = KeyDescription.Extract(certificate);

        // Assert
        Assert.Null(description);
    }

    [Fact]
    public void Apply_AppendsAfterTheExistingComment_AndKeepsTheKeyMaterial()
    {
        // Arrange
        var key = PublicKeyText.ParseSingle(KeyVectors.Text("id_rsa2048.pub"));

        // Act
        var described = KeyDescription.Apply(key, "Key2 description");

        // Assert
        Assert.Equal($"ssh-rsa {RsaFields[1]} test-rsa2048@vietnix-tests VSTOR-KEY-DESC:Key2 description", described.Text);
        Assert.Equal("test-rsa2048@vietnix-tests VSTOR-KEY-DESC:Key2 description", described.Comment);
        Assert.Equal(key.NovaFingerprint, described.NovaFingerprint);
        Assert.Equal(KeyVectors.Ssh("id_rsa2048.pub").Md5, described.NovaFingerprint);
        Assert.Equal(key.Sha256Fingerprint, described.Sha256Fingerprint);
        Assert.Equal(key.KeySize, described.KeySize);
        Assert.Equal("Key2 description", KeyDescription.Extract(described.Text));
    }

    [Fact]
    public void Apply_ToAKeyWithoutComment_MakesTheMarkerTheComment()
    {
        // Arrange
        var key = PublicKeyText.ParseSingle($"ssh-rsa {RsaFields[1]}");

        // Act
        var described = KeyDescription.Apply(key, "  build server  ");

        // Assert
        Assert.Equal($"ssh-rsa {RsaFields[1]} VSTOR-KEY-DESC:build server", described.Text);
    }

    [Fact]
    public void Apply_ReplacesAnEarlierDescription()
    {
        // Arrange
        var key = PublicKeyText.ParseSingle($"ssh-rsa {RsaFields[1]} laptop VSTOR-KEY-DESC:old text");

        // Act
        var described = KeyDescription.Apply(key, "new text");

        // Assert
        Assert.Equal($"ssh-rsa {RsaFields[1]} laptop VSTOR-KEY-DESC:new text", described.Text);
        Assert.Equal("new text", KeyDescription.Extract(described.Text));
        Assert.Equal(key.NovaFingerprint, described.NovaFingerprint);
    }

    [Fact]
    public void Apply_RefusesACertificate()
    {
        // Arrange
        var certificate = PublicKeyText.ParseSingle(KeyVectors.Text("cert_x509.pem"));

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => KeyDescription.Apply(certificate, "winrm"));

        // Assert
        Assert.Contains("x509", exception.Message);
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("line one\r\nline two")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ops \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007")]
    [InlineData("nul\0byte")]
    [InlineData("bidi \u202Eoverride")]
    public void Apply_RefusesAnythingButOneNonEmptyLine(string description)
    {
        // Arrange
        var key = PublicKeyText.ParseSingle(KeyVectors.Text("id_ed25519.pub"));

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => KeyDescription.Apply(key, description));

        // Assert
        Assert.Contains("one non-empty line", exception.Message);
    }
}
