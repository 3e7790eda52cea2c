using System;
using System.Linq;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>Everything that is not a public key Nova accepts is refused with a message that says what it is.</summary>
public class PublicKeyRefusalTests
{
    private static readonly string[] Ed25519Fields = KeyVectors.Line("id_ed25519.pub").Split(' ');

    private static readonly string[] RsaFields = KeyVectors.Line("id_rsa2048.pub").Split(' ');

    [Theory]
    [InlineData("laptop\u001b[2J")]
    [InlineData("nul\0comment")]
    [InlineData("bell\u0007")]
    [InlineData("csi\u009b31m")]
    public void CommentWithControlCharacters_IsRefused(string comment)
    {
        // Arrange: a local .pub whose comment would reach Nova and every terminal that shows it.
        var line = $"{Ed25519Fields[0]} {Ed25519Fields[1]} {comment}";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(line));

        // Assert
        Assert.Contains("control characters", exception.Message);
        Assert.DoesNotContain(comment, exception.Message);
    }

    [Fact]
    public void OpenSshPrivateKey_IsRefused_WithoutEchoingIt()
    {
        // Arrange
        var privateKey = KeyVectors.Text(KeyVectors.PrivateThrowawayFile);
        var bodyLines = privateKey.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(privateKey));

        // Assert
        Assert.Contains("private key", exception.Message);
        Assert.Contains("OPENSSH PRIVATE KEY", exception.Message);
        Assert.NotEmpty(bodyLines);
        Assert.All(bodyLines, line => Assert.DoesNotContain(line, exception.Message));
        Assert.All(bodyLines, line => Assert.DoesNotContain(line.Substring(0, 16), exception.Message));
    }

    [Fact]
    public void PrivateKeyAfterAPublicKey_IsStillRefused()
    {
        // Arrange
        var input = KeyVectors.Text("id_ed25519.pub") + KeyVectors.Text(KeyVectors.PrivateThrowawayFile);

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("Line 2", exception.Message);
        Assert.Contains("private key", exception.Message);
    }

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", "RSA PRIVATE KEY")]
    [InlineData("-----BEGIN PRIVATE KEY-----", "PRIVATE KEY")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----", "ENCRYPTED PRIVATE KEY")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----", "EC PRIVATE KEY")]
    public void PemPrivateKeys_AreRefused_WithoutEchoingTheBody(string header, string label)
    {
        // Arrange
        const string secretBody = "MIIEpAIBAAKCAQEApBdzF+fTq5QbN3R+QlO5TZr6W64GcUqcho5ZxPBZZIq53P1K";
        var input = $"{header}\n{secretBody}\n-----END {label}-----\n";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("private key", exception.Message);
        Assert.Contains(label, exception.Message);
        Assert.DoesNotContain(secretBody, exception.Message);
        Assert.DoesNotContain("MIIEpAIB", exception.Message);
    }

    [Fact]
    public void PuttyPrivateKeyFile_IsRefused()
    {
        // Arrange
        const string input = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20260101\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e\nPrivate-Lines: 1\nAAAAIHrJx3UZsecretsecretsecretsecretsecretsecretsecretQ=\n";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("PuTTY", exception.Message);
        Assert.Contains(".ppk", exception.Message);
        Assert.DoesNotContain("secretsecret", exception.Message);
    }

    [Theory]
    [InlineData("-----BEGIN PUBLIC KEY-----", "PUBLIC KEY")]
    [InlineData("-----BEGIN RSA PUBLIC KEY-----", "RSA PUBLIC KEY")]
    public void PemPublicKey_IsRefused_WithAConversionHint(string header, string label)
    {
        // Arrange
        var input = $"{header}\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END {label}-----\n";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("PEM public key", exception.Message);
        Assert.Contains("ssh-keygen -i", exception.Message);
    }

    [Fact]
    public void TypeThatDoesNotMatchTheKeyData_IsRefused()
    {
        // Arrange
        var input = $"ssh-rsa {Ed25519Fields[1]} mislabelled";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Contains("'ssh-rsa'", exception.Message);
        Assert.Contains("'ssh-ed25519'", exception.Message);
    }

    [Fact]
    public void Base64CutMidGroup_IsRefusedAsTruncated()
    {
        // Arrange
        var cut = RsaFields[1].Substring(0, RsaFields[1].Length - 7);
        var input = $"ssh-rsa {cut} truncated";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Contains("base64", exception.Message);
        Assert.Contains("truncated", exception.Message);
    }

    [Fact]
    public void Base64CutOnAGroupBoundary_IsRefusedAsDamaged()
    {
        // Arrange
        var cut = RsaFields[1].Substring(0, RsaFields[1].Length - 40);
        var input = $"ssh-rsa {cut} truncated";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Contains("damaged", exception.Message);
    }

    [Fact]
    public void Base64WithInvalidCharacters_IsRefused()
    {
        // Arrange
        const string input = "ssh-rsa NOTBASE64!! x";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Contains("base64", exception.Message);
    }

    [Theory]
    [InlineData("ssh-foo AAAAB3NzaC1yc2EAAAADAQABAAABAQ== x")]
    [InlineData("rsa-sha2-512 AAAAB3NzaC1yc2EAAAADAQABAAABAQ== x")]
    [InlineData("hello world")]
    public void UnknownType_IsRefused(string input)
    {
        // Arrange (inline data)

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Contains("not an OpenSSH public key", exception.Message);
    }

    [Theory]
    [InlineData("from=\"10.0.0.1\",no-pty")]
    [InlineData("command=\"echo hi\"")]
    [InlineData("restrict")]
    public void AuthorizedKeysOptionsBeforeTheType_AreRefused(string options)
    {
        // Arrange
        var input = $"{options} {string.Join(' ', Ed25519Fields)}";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Contains("before its type 'ssh-ed25519'", exception.Message);
        Assert.Contains("authorized_keys options", exception.Message);
    }

    [Fact]
    public void TypeWithoutKeyData_IsRefused()
    {
        // Arrange
        const string input = "ssh-ed25519";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Contains("no key data", exception.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n\t\n")]
    [InlineData("# just a comment\n")]
    [InlineData("\uFEFF")]
    public void EmptyInput_IsRefused(string? input)
    {
        // Arrange (inline data)

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("no public key", exception.Message);
    }

    [Fact]
    public void CertificateWithoutEndLine_IsRefused()
    {
        // Arrange
        var lines = KeyVectors.Text("cert_x509.pem").Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var input = string.Join("\n", lines.Take(lines.Length - 3));

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("END CERTIFICATE", exception.Message);
    }

    [Fact]
    public void CertificateWithDamagedContent_IsRefused()
    {
        // Arrange
        const string input = "-----BEGIN CERTIFICATE-----\nMIIDBzCCAe+gAwIBAgIUeJYyBOWdQ18R0y8NyS9HF+AAAA\n-----END CERTIFICATE-----\n";

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("certificate", exception.Message);
    }

    [Fact]
    public void Ssh2BlockWithoutEndLine_IsRefused()
    {
        // Arrange
        var lines = KeyVectors.Text(KeyVectors.Rfc4716.File).Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var input = string.Join("\n", lines.Take(lines.Length - 1));

        // Act
        var exception = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseAll(input));

        // Assert
        Assert.Contains("END SSH2 PUBLIC KEY", exception.Message);
    }
}
