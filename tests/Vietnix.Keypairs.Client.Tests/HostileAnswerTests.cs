using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>
/// Answers that are not Nova's, from a broken server or something in the way (a proxy's error page,
/// a body cut short, JSON of the wrong shape): every call reports one clear protocol error that names
/// the URL, never a crash (a JsonException, a NullReferenceException, an InvalidCastException) or a hang.
/// </summary>
public class HostileAnswerTests
{
    private const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e rs-ed25519";

    public static IEnumerable<object[]> BrokenBodies() =>
    [
        ["an HTML page from a proxy", "<html><head><title>200 OK</title></head><body>Welcome to nginx!</body></html>", "text/html"],
        ["truncated JSON", "{\"keypairs\": [{\"keypair\": {\"name\": \"k1\", \"fingerp", "application/json"],
        ["an empty body", "", "application/json"],
        ["JSON null", "null", "application/json"],
        ["an empty object", "{}", "application/json"],
        ["a string where the list or key pair belongs", "{\"keypairs\": \"x\", \"keypair\": \"x\"}", "application/json"],
        ["a number where the name belongs", "{\"keypairs\": [{\"keypair\": {\"name\": 42, \"fingerprint\": \"f\", \"public_key\": \"p\"}}], \"keypair\": {\"name\": 42, \"fingerprint\": \"f\", \"public_key\": \"p\"}}", "application/json"],
        ["an array where an object belongs", "[{\"keypair\": {\"name\": \"k1\"}}]", "application/json"],
        ["a list item without its key pair", "{\"keypairs\": [{}], \"keypair\": {}}", "application/json"],
        ["a null list item", "{\"keypairs\": [null], \"keypair\": null}", "application/json"],
        ["a number as a list item", "{\"keypairs\": [7], \"keypair\": 7}", "application/json"],
        ["a key pair without name or key", "{\"keypair\": {\"type\": \"ssh\"}, \"keypairs\": [{\"keypair\": {\"type\": \"ssh\"}}]}", "application/json"],
        ["bytes that are not UTF-8", "\u00ff\u00fe\u0000{", "application/octet-stream"],
    ];

    public static IEnumerable<object[]> Calls() =>
    [
        ["list"],
        ["get"],
        ["create"],
    ];

    public static IEnumerable<object[]> EveryCallAndBody()
    {
        foreach (var call in Calls())
        {
            foreach (var body in BrokenBodies())
            {
                yield return [call[0], body[0], body[1], body[2]];
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryCallAndBody))]
    public async Task ABrokenSuccessAnswer_IsOneProtocolErrorNamingTheUrl(string call, string what, string body, string mediaType)
    {
        // Arrange
        var status = call == "create" ? HttpStatusCode.Created : HttpStatusCode.OK;
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Text(status, body, mediaType));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Record.ExceptionAsync(() => Invoke(client.KeyPairs, call));

        // Assert
        var protocol = Assert.IsType<VietnixProtocolException>(exception);
        Assert.StartsWith(TestClient.KeyPairsUrl, protocol.Url);
        Assert.False(string.IsNullOrWhiteSpace(protocol.Message), what);
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("\"x\"")]
    [InlineData("[{\"rel\": 5}]")]
    public async Task ABrokenPageLink_EndsTheListingOrIsAProtocolError_NeverACrash(string links)
    {
        // Arrange
        var body = "{\"keypairs\": [{\"keypair\": " + NovaResponses.KeyPair("k1").ToJsonString() + "}], \"keypairs_links\": " + links + "}";
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Json(HttpStatusCode.OK, body));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None));

        // Assert
        Assert.True(exception is null or VietnixProtocolException, $"Expected success or a protocol error, got {exception}");
    }

    [Theory]
    [InlineData(502, "text/html", "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>")]
    [InlineData(503, "text/html", "<html><body>The service is unavailable.</body></html>")]
    [InlineData(500, "application/json", "{\"computeFault\": ")]
    [InlineData(404, "text/plain", "")]
    public async Task AnErrorStatusWithABodyThatIsNotNovas_IsTheStatusError_NotAParseFailure(int status, string mediaType, string body)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Text((HttpStatusCode)status, body, mediaType));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));

        // Assert
        var api = Assert.IsAssignableFrom<VietnixApiException>(exception);
        Assert.Equal(status, api.StatusCode);
    }

    [Theory]
    [InlineData("<html><body>It works!</body></html>")]
    [InlineData("{\"version\": \"2.93\"}")]
    [InlineData("{\"version\": {\"version\": 2.93, \"min_version\": [] }}")]
    [InlineData("")]
    public async Task ABrokenVersionDocument_IsOneProtocolError(string body)
    {
        // Arrange
        var fake = new FakeNovaHandler().Respond(_ => NovaResponses.Text(HttpStatusCode.OK, body, "application/json"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.IsType<VietnixProtocolException>(exception);
    }

    private static Task Invoke(IKeyPairClient client, string call) => call switch
    {
        "list" => client.ListAsync(new KeyPairListRequest(), CancellationToken.None),
        "get" => client.GetAsync("k1", null, CancellationToken.None),
        "create" => client.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519 }, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };
}
