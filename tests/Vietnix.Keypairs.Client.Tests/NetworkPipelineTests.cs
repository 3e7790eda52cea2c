using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>The public factory with its real network handler, against a loopback server: what actually goes on the wire.</summary>
public class NetworkPipelineTests
{
    private static readonly string Ed25519 = KeyVectors.Line("id_ed25519.pub");

    [Fact]
    public async Task Create_GoesOnTheWireWithContentLength_NotChunked_WithoutExpectContinue()
    {
        // Arrange
        await using var server = new LoopbackServer(request => request.Target == "/v2.1/"
            ? RawResponse.Json(200, "OK", NovaResponses.VersionDocument("2.93", "2.1"))
            : RawResponse.Json(201, "Created", Fixtures.ReadText(KeyPairClientCreateTests.ImportResponseFor("2.72"))));
        using var client = CreateClient(server);

        // Act
        await client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1") { PublicKey = Ed25519 }, CancellationToken.None);

        // Assert
        var post = server.Requests.Single(r => r.Method == "POST");
        Assert.Equal($"/v2.1/{TestClient.ProjectId}/os-keypairs", post.Target);
        Assert.False(post.WasChunked);
        Assert.Null(post.Header("Transfer-Encoding"));
        Assert.Null(post.Header("Expect"));
        Assert.Equal(post.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), post.Header("Content-Length"));
        Assert.Equal(TestClient.Token, post.Header("X-Auth-Token"));
        Assert.Equal("compute 2.72", post.Header("OpenStack-API-Version"));
        Assert.Equal("2.72", post.Header("X-OpenStack-Nova-API-Version"));
        Assert.StartsWith("application/json", post.Header("Content-Type"));
        Assert.Equal("Vietnix.Keypairs", post.Header("User-Agent"));
        JsonAssert.Equivalent($"{{\"keypair\":{{\"name\":\"k1\",\"public_key\":\"{Ed25519}\"}}}}", Encoding.UTF8.GetString(post.Body));

        var discovery = server.Requests.Single(r => r.Target == "/v2.1/");
        Assert.Null(discovery.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task Get_SendsTheNamePercentEncodedOnTheWire()
    {
        // Arrange
        await using var server = new LoopbackServer(request => request.Target == "/v2.1/"
            ? RawResponse.Json(200, "OK", NovaResponses.VersionDocument("2.93", "2.1"))
            : RawResponse.Json(200, "OK", Fixtures.ReadText("nova-api-samples/v2.10/keypairs-get-resp.json")));
        using var client = CreateClient(server, "2.93");

        // Act
        await client.KeyPairs.GetAsync("me.and.myself@this.nice.domain.com mooh.", "fake", CancellationToken.None);

        // Assert
        var get = server.Requests.Single(r => r.Target != "/v2.1/");
        Assert.Equal($"/v2.1/{TestClient.ProjectId}/os-keypairs/me.and.myself%40this.nice.domain.com%20mooh.?user_id=fake", get.Target);
    }

    [Fact]
    public async Task Redirect_IsNotFollowed_SoTheTokenCannotLeak()
    {
        // Arrange
        await using var elsewhere = new LoopbackServer(_ => RawResponse.Json(200, "OK", NovaResponses.ListPage(["stolen"], null)));
        await using var server = new LoopbackServer(request => request.Target == "/v2.1/"
            ? RawResponse.Json(200, "OK", NovaResponses.VersionDocument("2.93", "2.1"))
            : RawResponse.Json(302, "Found", "{}", ("Location", elsewhere.BaseUrl + "/v2.1/os-keypairs")));
        using var client = CreateClient(server);

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None));

        // Assert
        var api = Assert.IsAssignableFrom<VietnixApiException>(exception);
        Assert.Equal(302, api.StatusCode);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task AnAnswerLargerThanTheLimit_IsRefusedWithAClearError_NotBufferedWhole()
    {
        // Arrange: a 9 MiB "list", where 100 key pairs take well under 1 MB.
        var huge = "{\"keypairs\": [], \"padding\": \"" + new string('x', 9 * 1024 * 1024) + "\"}";
        await using var server = new LoopbackServer(request => request.Target == "/v2.1/"
            ? RawResponse.Json(200, "OK", NovaResponses.VersionDocument("2.93", "2.1"))
            : RawResponse.Json(200, "OK", huge));
        using var client = CreateClient(server);

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None));

        // Assert
        var protocol = Assert.IsType<VietnixProtocolException>(exception);
        Assert.Contains("more than 8 MiB", protocol.Message);
    }

    [Fact]
    public async Task AnEndlessAnswerOfNoAnnouncedLength_IsCutOffAtTheLimit_NotBufferedWhole()
    {
        // Arrange: a chunked body that never ends (and so has no Content-Length to refuse up front),
        // read through the whole pipeline, retry handler included (a GET is repeatable).
        long sent = 0;
        var chunk = Encoding.ASCII.GetBytes("10000\r\n" + new string('x', 0x10000) + "\r\n");
        await using var server = new LoopbackServer(request => request.Target == "/v2.1/"
            ? RawResponse.Json(200, "OK", NovaResponses.VersionDocument("2.93", "2.1"))
            : new RawResponse(200, "OK", [], ("Content-Type", "application/json"))
            {
                WriteBody = async (stream, cancellationToken) =>
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("1\r\n{\r\n"), cancellationToken);

                    // Stops by itself at 1 GiB, so a client that read everything would fail this test rather than hang it.
                    while (Interlocked.Read(ref sent) < 1024L * 1024 * 1024)
                    {
                        await stream.WriteAsync(chunk, cancellationToken);
                        Interlocked.Add(ref sent, 0x10000);
                    }
                },
            });
        using var client = CreateClient(server);

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2)));

        // Assert: the client stopped reading past 8 MiB; what the server got out before the
        // connection closed is that plus what the loopback socket buffers hold.
        var protocol = Assert.IsType<VietnixProtocolException>(exception);
        Assert.Contains("more than 8 MiB", protocol.Message);
        Assert.InRange(Interlocked.Read(ref sent), 8L * 1024 * 1024, 64L * 1024 * 1024);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task AnAnswerThatTricklesInSlowerThanTheTimeout_EndsAsATimeout_NotAHang()
    {
        // Arrange: the headers arrive at once, then the body a byte at a time, never finishing within the attempt's limit.
        await using var server = new LoopbackServer(request => request.Target == "/v2.1/"
            ? RawResponse.Json(200, "OK", NovaResponses.VersionDocument("2.93", "2.1"))
            : new RawResponse(200, "OK", [], ("Content-Type", "application/json"))
            {
                WriteBody = async (stream, cancellationToken) =>
                {
                    for (var i = 0; i < 600; i++)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("1\r\n \r\n"), cancellationToken);
                        await Task.Delay(100, cancellationToken);
                    }
                },
            });
        using var client = CreateClient(server, timeout: TimeSpan.FromSeconds(1));

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(50)));

        // Assert
        Assert.IsType<VietnixTimeoutException>(exception);
    }

    private static IComputeService CreateClient(LoopbackServer server, string version = "2.72", TimeSpan? timeout = null)
    {
        ApiVersionRequest.TryParse(version, out var requested);
        var options = new ComputeServiceOptions(new Uri($"{server.BaseUrl}/v2.1/{TestClient.ProjectId}"))
        {
            ApiVersion = requested,
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
            Retries = TestClient.NoRetries,
        };
        return ComputeServiceFactory.Create(options, TestClient.StaticToken());
    }
}
