using System.Net;
using System.Security;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Tests.Identity;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>
/// A server that echoes its request, or sends escape sequences, must not get secrets into an
/// exception (and so into $Error) nor drive the terminal; the -Debug log fails closed.
/// </summary>
public class ServerMessageSafetyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData(KeystoneFakes.Password)]
    [InlineData("pass\"with\\quote-and-slash")]
    public async Task AKeystoneErrorThatEchoesTheRequest_LosesThePassword(string password)
    {
        // Arrange: a Keystone 400 quoting the whole body it was sent, as some proxies and debug modes do.
        var network = new FakeNovaHandler().Respond(request => NovaResponses.Json(
            HttpStatusCode.BadRequest,
            new JsonObject { ["error"] = new JsonObject { ["code"] = 400, ["message"] = "Invalid input for field identity: " + request.BodyText, ["title"] = "Bad Request" } }.ToJsonString()));
        using var keystone = KeystoneFakes.Client(network);
        var credential = new PasswordCredential(UserReference.WithName("demo", DomainReference.Default), KeystoneFakes.Secure(password));

        // Act
        var exception = await Assert.ThrowsAsync<VietnixSignInException>(() => keystone.IssueTokenAsync(credential, null, None));

        // Assert: the echo reached the exception (so the test can fail), the password did not.
        Assert.Contains("Invalid input for field identity", exception.Message);
        Assert.Contains(ServerText.Placeholder, exception.Message);
        Assert.DoesNotContain(password, exception.Message);
        Assert.DoesNotContain(password.Replace("\\", "\\\\").Replace("\"", "\\\""), exception.Message);
        var inner = Assert.IsAssignableFrom<VietnixApiException>(exception.InnerException);
        Assert.DoesNotContain(password, inner.ServerMessage);
    }

    [Fact]
    public async Task ANovaErrorThatEchoesTheToken_LosesTheToken()
    {
        // Arrange: a 401 quoting the X-Auth-Token header it was sent.
        var network = new FakeNovaHandler().WithDiscovery()
            .Respond(request => NovaResponses.Json(HttpStatusCode.Unauthorized, NovaResponses.Fault("unauthorized", 401, $"Token {request.Header("X-Auth-Token")} is not valid")));
        using var client = TestClient.Create(network);

        // Act
        var exception = await Assert.ThrowsAsync<VietnixAuthenticationException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Contains("Token <redacted> is not valid", exception.Message);
        Assert.DoesNotContain(TestClient.Token, exception.Message);
    }

    [Fact]
    public async Task APrivateKeyInAnErrorMessage_IsRemoved()
    {
        // Arrange
        var network = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Conflict, NovaResponses.Fault("conflictingRequest", 409, "Key pair exists: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEApBdzF+fTq5Qb\n-----END RSA PRIVATE KEY----- end")));
        using var client = TestClient.Create(network);

        // Act
        var exception = await Assert.ThrowsAsync<VietnixConflictException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Contains("Key pair exists: <redacted> end", exception.Message);
        Assert.DoesNotContain("MIIEpAIBAAKCAQEApBdzF", exception.Message);
    }

    [Fact]
    public async Task EscapeSequencesInAServerMessage_AreShownNotObeyed()
    {
        // Arrange: an OSC 8 hyperlink and a screen clear in the server's words.
        var network = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.BadRequest, NovaResponses.Fault("badRequest", 400, "bad \u001b]8;;https://evil.test\u0007click\u001b]8;;\u0007 \u001b[2J name")));
        using var client = TestClient.Create(network);

        // Act
        var exception = await Assert.ThrowsAsync<VietnixBadRequestException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.DoesNotContain('\u001b', exception.Message);
        Assert.DoesNotContain('\u0007', exception.Message);
        Assert.Contains("bad \\x1b]8;;https://evil.test\\x07click", exception.Message);
    }

    [Theory]
    [InlineData("{\"keypair\": {\"name\": \"k\", \"private_key\": \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEApBdzF")]
    [InlineData("{\"keypair\": {\"private_key\": \"PK-SECRET\"}} trailing junk")]
    public void ABodyThatIsNotWholeJson_IsLoggedOnlyByItsSize(string body)
    {
        // Act
        var logged = SecretRedactor.Redact(body)!;

        // Assert
        Assert.Equal($"{System.Text.Encoding.UTF8.GetByteCount(body)} bytes, not shown: not JSON that could be checked for secrets", logged);
    }

    [Fact]
    public void ABodyNestedDeeperThanTheParserReads_IsLoggedOnlyByItsSize()
    {
        // Arrange: 100 levels, beyond System.Text.Json's default 64.
        var body = new string('[', 100) + "{\"private_key\":\"PK-SECRET\"}" + new string(']', 100);

        // Act
        var logged = SecretRedactor.Redact(body)!;

        // Assert
        Assert.DoesNotContain("PK-SECRET", logged);
        Assert.EndsWith("bytes, not shown: not JSON that could be checked for secrets", logged);
    }
}
