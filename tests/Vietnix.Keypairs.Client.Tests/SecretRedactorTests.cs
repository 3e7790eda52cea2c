using Vietnix.Keypairs.Client.Tests.Infrastructure;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Tests;

public class SecretRedactorTests
{
    [Theory]
    [InlineData("private_key")]
    [InlineData("password")]
    [InlineData("secret")]
    [InlineData("PRIVATE_KEY")]
    public void SecretMembers_AreReplaced(string member)
    {
        // Arrange
        var body = $"{{\"outer\":{{\"name\":\"k1\",\"{member}\":\"s3cr3t-value\"}}}}";

        // Act
        var redacted = SecretRedactor.Redact(body);

        // Assert
        Assert.NotNull(redacted);
        Assert.DoesNotContain("s3cr3t-value", redacted);
        var node = JsonNode.Parse(redacted!)!;
        Assert.Equal(SecretRedactor.Placeholder, node["outer"]![member]!.GetValue<string>());
        Assert.Equal("k1", node["outer"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void ASecretGivenAsAList_HasEveryValueReplaced_AndKeepsItsShape()
    {
        // Arrange
        var body = "{\"auth\":{\"password\":[\"first-s3cr3t\",[\"second-s3cr3t\"],{\"secret\":\"third-s3cr3t\",\"name\":\"n\"}]}}";

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        Assert.DoesNotContain("s3cr3t", redacted);
        var list = JsonNode.Parse(redacted)!["auth"]!["password"]!.AsArray();
        Assert.Equal(SecretRedactor.Placeholder, list[0]!.GetValue<string>());
        Assert.Equal(SecretRedactor.Placeholder, list[1]![0]!.GetValue<string>());
        Assert.Equal("n", list[2]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void GeneratedKeyResponse_KeepsEverythingButThePrivateKey()
    {
        // Arrange
        var body = Fixtures.ReadText("nova-api-samples/v2.2/keypairs-post-resp.json");

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        Assert.DoesNotContain("BEGIN RSA PRIVATE KEY", redacted);
        Assert.DoesNotContain("MIIEpAIBAAKCAQEApBdzF", redacted);
        var keypair = JsonNode.Parse(redacted)!["keypair"]!;
        Assert.Equal("<redacted>", keypair["private_key"]!.GetValue<string>());
        Assert.Equal("7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd", keypair["fingerprint"]!.GetValue<string>());
        Assert.StartsWith("ssh-rsa AAAAB3NzaC1yc2E", keypair["public_key"]!.GetValue<string>());
    }

    [Fact]
    public void KeystoneTokenMethod_HasItsTokenIdReplaced()
    {
        // Arrange
        const string body = "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"gAAAAABsecret-token\"}},\"scope\":{\"project\":{\"id\":\"p1\"}}}}";

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        Assert.DoesNotContain("gAAAAABsecret-token", redacted);
        var node = JsonNode.Parse(redacted)!;
        Assert.Equal("<redacted>", node["auth"]!["identity"]!["token"]!["id"]!.GetValue<string>());
        Assert.Equal("p1", node["auth"]!["scope"]!["project"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void KeystonePasswordAndApplicationCredential_AreReplaced()
    {
        // Arrange
        const string body = "{\"auth\":{\"identity\":{\"methods\":[\"password\",\"application_credential\"],"
            + "\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"},\"password\":\"admin-secret\"}},"
            + "\"application_credential\":{\"id\":\"ac1\",\"secret\":\"demo-appcred-secret\"}}}}";

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        Assert.DoesNotContain("admin-secret", redacted);
        Assert.DoesNotContain("demo-appcred-secret", redacted);
        Assert.Contains("ac1", redacted);
    }

    [Fact]
    public void SecretsInsideArrays_AreReplaced()
    {
        // Arrange
        const string body = "{\"keypairs\":[{\"keypair\":{\"name\":\"a\",\"private_key\":\"PK-ONE\"}},{\"keypair\":{\"name\":\"b\",\"private_key\":\"PK-TWO\"}}]}";

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        Assert.DoesNotContain("PK-ONE", redacted);
        Assert.DoesNotContain("PK-TWO", redacted);
    }

    [Fact]
    public void IdOutsideAToken_IsKept()
    {
        // Arrange
        const string body = "{\"keypair\":{\"id\":3,\"name\":\"k\"},\"project\":{\"id\":\"p1\"}}";

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        JsonAssert.Equivalent(body, redacted);
    }

    [Fact]
    public void NullSecret_StaysNull()
    {
        // Arrange
        const string body = "{\"keypair\":{\"private_key\":null}}";

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        JsonAssert.Equivalent(body, redacted);
    }

    [Fact]
    public void NonJson_IsNotShown_OnlyItsSize()
    {
        // Arrange: a proxy's HTML page; nothing can tell what in it is secret.
        var body = "<html>" + new string('x', 5000) + "</html>";

        // Act
        var redacted = SecretRedactor.Redact(body)!;

        // Assert
        Assert.Equal("5013 bytes, not shown: not JSON that could be checked for secrets", redacted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NoBody_StaysAsItIs(string? body)
    {
        // Arrange (inline data)

        // Act
        var redacted = SecretRedactor.Redact(body);

        // Assert
        Assert.Equal(body, redacted);
    }
}
