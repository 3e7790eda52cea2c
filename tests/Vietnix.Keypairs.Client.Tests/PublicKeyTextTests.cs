using System;
using System.IO;
using System.Linq;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class PublicKeyTextTests
{
    [Theory]
    [MemberData(nameof(KeyVectors.SshKeyFiles), MemberType = typeof(KeyVectors))]
    public void SshKey_FingerprintsSizeAndAlgorithm_MatchSshKeygen(string file)
    {
        // Arrange
        var vector = KeyVectors.Ssh(file);
        var text = KeyVectors.Text(file);

        // Act
        var key = PublicKeyText.ParseSingle(text);

        // Assert
        Assert.Equal(PublicKeyKind.Ssh, key.Kind);
        Assert.Equal(vector.Algorithm, key.Algorithm);
        Assert.Equal(vector.Md5, key.NovaFingerprint);
        Assert.Equal(vector.Sha256, key.Sha256Fingerprint);
        Assert.Equal(vector.Bits, key.KeySize);
        Assert.Equal(vector.Comment, key.Comment);
        Assert.Equal(KeyVectors.Line(file), key.Text);
    }

    [Theory]
    [MemberData(nameof(KeyVectors.SshKeyFiles), MemberType = typeof(KeyVectors))]
    public void ParseAll_ReadsEveryVectorFromOneInput(string file)
    {
        // Arrange
        var sshFiles = KeyVectors.All.Where(v => v.Kind == "ssh").Select(v => v.File).ToList();
        var all = string.Join("\n", sshFiles.Select(KeyVectors.Line));

        // Act
        var keys = PublicKeyText.ParseAll(all);

        // Assert
        Assert.Equal(sshFiles.Count, keys.Count);
        Assert.Contains(keys, k => k.NovaFingerprint == KeyVectors.Ssh(file).Md5);
    }

    public static TheoryData<string, string> MessyInputs => new()
    {
        { "CRLF line end", "{type} {blob} {comment}\r\n" },
        { "byte order mark", "\uFEFF{type} {blob} {comment}\n" },
        { "tabs between fields", "{type}\t{blob}\t{comment}" },
        { "double spaces between fields", "{type}  {blob}  {comment}" },
        { "leading and trailing whitespace", "  \t {type} {blob} {comment} \t \r\n\r\n" },
        { "blank and comment lines around", "\n# my laptop key\n\n{type} {blob} {comment}\n\n" },
        { "no-break spaces from a web page", "{type}\u00A0{blob}\u00A0{comment}" },
        { "everything at once", "\uFEFF \t{type} \t {blob}\t\t{comment}  \r\n" },
    };

    [Theory]
    [MemberData(nameof(MessyInputs))]
    public void MessyInput_IsNormalisedToTypeSpaceBlobSpaceComment(string what, string template)
    {
        // Arrange
        var fields = KeyVectors.Line("id_ed25519.pub").Split(' ');
        var input = template.Replace("{type}", fields[0]).Replace("{blob}", fields[1]).Replace("{comment}", fields[2]);

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        Assert.True(key.Text == $"{fields[0]} {fields[1]} {fields[2]}", $"{what}: got '{key.Text}'");
        Assert.Equal(KeyVectors.Ssh("id_ed25519.pub").Md5, key.NovaFingerprint);
    }

    [Fact]
    public void CommentWithInnerWhitespace_IsKeptAsOneComment()
    {
        // Arrange
        var fields = KeyVectors.Line("id_ed25519.pub").Split(' ');
        var input = $"{fields[0]} {fields[1]} VSTOR-KEY-DESC:Key2 description";

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        Assert.Equal("VSTOR-KEY-DESC:Key2 description", key.Comment);
        Assert.Equal(input, key.Text);
    }

    [Fact]
    public void KeyWithoutComment_HasNoTrailingSpace()
    {
        // Arrange
        var fields = KeyVectors.Line("id_ecdsa256.pub").Split(' ');
        var input = $"{fields[0]} {fields[1]}\n";

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        Assert.Equal($"{fields[0]} {fields[1]}", key.Text);
        Assert.Null(key.Comment);
    }

    [Fact]
    public void TwoKeys_ParseAllReturnsBoth_ParseSingleRefuses()
    {
        // Arrange
        var input = KeyVectors.Text("id_ed25519.pub") + KeyVectors.Text("id_rsa2048.pub");

        // Act
        var all = PublicKeyText.ParseAll(input);
        var single = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(input));

        // Assert
        Assert.Equal(2, all.Count);
        Assert.Equal(KeyVectors.Ssh("id_ed25519.pub").Md5, all[0].NovaFingerprint);
        Assert.Equal(KeyVectors.Ssh("id_rsa2048.pub").Md5, all[1].NovaFingerprint);
        Assert.Contains("2 public keys", single.Message);
    }

    public static TheoryData<string, string> CertificateForms
    {
        get
        {
            var pem = KeyVectors.Text("cert_x509.pem");
            var lines = pem.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
            return new TheoryData<string, string>
            {
                { "file as written by openssl", pem },
                { "piped lines joined by LF", string.Join("\n", lines) },
                { "CRLF line ends", string.Join("\r\n", lines) + "\r\n" },
                { "indented lines", string.Join("\n", lines.Select(l => "  " + l + " ")) },
            };
        }
    }

    [Theory]
    [MemberData(nameof(CertificateForms))]
    public void PemCertificate_IsX509_WithOpensslsSha1Fingerprint(string what, string input)
    {
        // Arrange
        var vector = KeyVectors.Certificate;

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        Assert.True(key.Kind == PublicKeyKind.X509Certificate, what);
        Assert.Equal("x509", key.Algorithm);
        Assert.Equal(vector.Sha1, key.NovaFingerprint);
        Assert.Null(key.Sha256Fingerprint);
        Assert.Equal(vector.Bits, key.KeySize);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", key.Text);
        Assert.EndsWith("\n-----END CERTIFICATE-----\n", key.Text);
        Assert.DoesNotContain("\r", key.Text);
    }

    [Fact]
    public void PemCertificateWithAnEcKey_IsAcceptedLikeNovaAcceptsIt()
    {
        // Arrange: Nova fingerprints any certificate cryptography can load (SHA-1 of the DER), whatever its key type.
        var vector = KeyVectors.EcCertificate;
        var input = KeyVectors.Text(vector.File);

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        Assert.Equal(PublicKeyKind.X509Certificate, key.Kind);
        Assert.Equal(vector.Sha1, key.NovaFingerprint);
    }

    [Fact]
    public void Rfc4716Export_HasTheSameFingerprintAsTheOpenSshLine()
    {
        // Arrange
        var vector = KeyVectors.Rfc4716;
        var input = KeyVectors.Text(vector.File);

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        var original = PublicKeyText.ParseSingle(KeyVectors.Text(vector.SameKeyAs));
        Assert.Equal(PublicKeyKind.Ssh, key.Kind);
        Assert.Equal(vector.Md5, key.NovaFingerprint);
        Assert.Equal(original.Sha256Fingerprint, key.Sha256Fingerprint);
        Assert.Equal("ssh-rsa", key.Algorithm);
        Assert.Equal(2048, key.KeySize);
        Assert.Equal(original.Text.Split(' ')[1], key.Text.Split(' ')[1]);
        Assert.Equal("2048-bit RSA, converted by root@vm from OpenSSH", key.Comment);
    }

    [Fact]
    public void Rfc4716Export_WithContinuedHeaderLines_IsRead()
    {
        // Arrange
        var export = KeyVectors.Text(KeyVectors.Rfc4716.File).Replace("\r\n", "\n").Split('\n');
        var body = export.Where(l => l.Length > 0 && !l.StartsWith("----", StringComparison.Ordinal) && !l.Contains(':')).ToArray();
        var input = string.Join("\r\n", new[]
        {
            "---- BEGIN SSH2 PUBLIC KEY ----",
            "Subject: tester",
            "Comment: \"a comment that goes on \\",
            "and on\"",
            "x-private-header: value",
        }.Concat(body).Append("---- END SSH2 PUBLIC KEY ----"));

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        Assert.Equal(KeyVectors.Rfc4716.Md5, key.NovaFingerprint);
    }

    [Fact]
    public void Rfc4716Export_ContinuedCommentHeader_IsJoinedIntoOneComment()
    {
        // Arrange: RFC 4716 section 3.3: a header line ending in '\' continues on the next line.
        var export = KeyVectors.Text(KeyVectors.Rfc4716.File).Replace("\r\n", "\n").Split('\n');
        var body = export.Where(l => l.Length > 0 && !l.StartsWith("----", StringComparison.Ordinal) && !l.Contains(':')).ToArray();
        var input = string.Join("\n", new[]
        {
            "---- BEGIN SSH2 PUBLIC KEY ----",
            "Comment: \"a comment that goes on \\",
            "and on\"",
        }.Concat(body).Append("---- END SSH2 PUBLIC KEY ----"));

        // Act
        var key = PublicKeyText.ParseSingle(input);

        // Assert
        Assert.Equal("a comment that goes on and on", key.Comment);
        Assert.EndsWith(" a comment that goes on and on", key.Text);
    }

    [Fact]
    public void MixedInput_OfLinesCertificatesAndSsh2Blocks_IsReadInOrder()
    {
        // Arrange
        var input = KeyVectors.Text("id_ed25519.pub") + KeyVectors.Text("cert_x509.pem") + KeyVectors.Text(KeyVectors.Rfc4716.File);

        // Act
        var keys = PublicKeyText.ParseAll(input);

        // Assert
        Assert.Equal(new[] { PublicKeyKind.Ssh, PublicKeyKind.X509Certificate, PublicKeyKind.Ssh }, keys.Select(k => k.Kind));
        Assert.Equal(KeyVectors.Certificate.Sha1, keys[1].NovaFingerprint);
    }

    [Fact]
    public void LooksLikeCertificate_DetectsPemArmour()
    {
        // Arrange
        var pem = KeyVectors.Text("cert_x509.pem");

        // Act / Assert
        Assert.True(PublicKeyText.LooksLikeCertificate(pem));
        Assert.False(PublicKeyText.LooksLikeCertificate(KeyVectors.Text("id_ed25519.pub")));
        Assert.False(PublicKeyText.LooksLikeCertificate(null));
    }

    [Fact]
    public void Fingerprints_AreEqualRegardlessOfCaseAndOuterSpace()
    {
        // Arrange
        const string nova = "98:3d:13:b3:ab:b1:35:71:4f:c9:ab:c2:e0:60:d4:b5:b0:95:d1:ae";
        const string openssl = " 98:3D:13:B3:AB:B1:35:71:4F:C9:AB:C2:E0:60:D4:B5:B0:95:D1:AE\n";

        // Act
        var equal = Fingerprints.AreEqual(nova, openssl);

        // Assert
        Assert.True(equal);
        Assert.False(Fingerprints.AreEqual(nova, null));
        Assert.False(Fingerprints.AreEqual(nova, "d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e"));
    }

    public static TheoryData<string> NovaSamplesWithKeys => new()
    {
        "nova-api-samples/keypairs-get-resp.json",
        "nova-api-samples/keypairs-import-post-resp.json",
        "nova-api-samples/keypairs-post-resp.json",
        "nova-api-samples/v2.92/keypairs-import-post-resp.json",
    };

    [Theory]
    [MemberData(nameof(NovaSamplesWithKeys))]
    public void NovaSampleKey_HasTheFingerprintNovaAnswered(string sample)
    {
        // Arrange
        var keypair = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.ReadText(sample))!["keypair"]!;

        // Act
        var key = PublicKeyText.ParseSingle(keypair["public_key"]!.GetValue<string>());

        // Assert
        Assert.Equal(keypair["fingerprint"]!.GetValue<string>(), key.NovaFingerprint);
    }

    [Fact]
    public void Ed25519RecordedOnARealNova_HasTheFingerprintNovaAnswered()
    {
        // Arrange: POST os-keypairs at 2.72 on the Zed reference cloud answered this fingerprint.
        const string recorded = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e rs-ed25519";

        // Act
        var key = PublicKeyText.ParseSingle(recorded);

        // Assert
        Assert.Equal("15:d2:fc:3a:db:43:0d:b7:e4:61:8b:6c:7c:31:5d:3f", key.NovaFingerprint);
        Assert.Equal(256, key.KeySize);
    }

    [Fact]
    public void VectorFiles_AreAllPresentInTheTestOutput()
    {
        // Arrange
        var files = KeyVectors.All.Select(v => v.File)
            .Append(KeyVectors.Rfc4716.File)
            .Append(KeyVectors.PrivateThrowawayFile)
            .Append(KeyVectors.EcCertificate.File)
            .Concat(KeyVectors.OpenSshPrivateKeys.SelectMany(v => new[] { v.File, v.File + ".pub" }));

        // Act
        var missing = files.Where(f => !File.Exists(Fixtures.Path("keys/" + f))).ToList();

        // Assert
        Assert.Empty(missing);
        Assert.Equal(7, KeyVectors.All.Count);
        Assert.Equal(5, KeyVectors.OpenSshPrivateKeys.Count);
    }
    [Fact]
    public void PipedFiles_EachWithABom_AreAllRead()
    {
        // Arrange
        var input = "\uFEFF" + KeyVectors.Text("id_ed25519.pub") + "\uFEFF" + KeyVectors.Text("id_ecdsa384.pub");

        // Act
        var keys = PublicKeyText.ParseAll(input);

        // Assert
        Assert.Equal(new[] { KeyVectors.Ssh("id_ed25519.pub").Md5, KeyVectors.Ssh("id_ecdsa384.pub").Md5 }, keys.Select(k => k.NovaFingerprint));
        Assert.Equal(KeyVectors.Line("id_ecdsa384.pub"), keys[1].Text);
    }
}

public class KeyAlgorithmLabelTests
{
    // The labels ssh-keygen -l printed in parentheses for these files (OpenSSH 9.2p1); for the
    // certificates, the algorithm openssl x509 -text shows for their public key.
    [Theory]
    [InlineData("id_ed25519.pub", "ED25519")]
    [InlineData("id_rsa2048.pub", "RSA")]
    [InlineData("id_ecdsa521.pub", "ECDSA")]
    [InlineData("cert_x509.pem", "RSA")]
    [InlineData("cert_x509_ecdsa.pem", "ECDSA")]
    public void KeyAlgorithm_IsWhatSshKeygenPrints(string file, string expected)
    {
        Assert.Equal(expected, PublicKeyText.ParseSingle(KeyVectors.Text(file)).KeyAlgorithm);
    }

    // ssh-keygen's sshkey.c key names for the types no test file carries.
    [Theory]
    [InlineData("ssh-dss", "DSA")]
    [InlineData("sk-ssh-ed25519@openssh.com", "ED25519-SK")]
    [InlineData("sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK")]
    [InlineData("ssh-rsa-cert-v01@openssh.com", "RSA-CERT")]
    [InlineData("sk-ssh-ed25519-cert-v01@openssh.com", "ED25519-SK-CERT")]
    [InlineData("ecdsa-sha2-nistp384-cert-v01@openssh.com", "ECDSA-CERT")]
    public void AlgorithmLabel_NamesEveryAcceptedType(string type, string expected)
    {
        Assert.Equal(expected, SshKeyBlob.AlgorithmLabel(type));
    }
}
