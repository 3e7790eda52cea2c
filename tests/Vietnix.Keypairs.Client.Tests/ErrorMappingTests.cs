using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public class ErrorMappingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string Ed25519 = KeyVectors.Line("id_ed25519.pub");

    /// <summary>Status, fault name, Nova's message (as recorded on a real Zed Nova), and the exception type.</summary>
    public static TheoryData<int, string, string, Type> NovaFaults => new()
    {
        { 400, "badRequest", "Keypair data is invalid: failed to generate fingerprint", typeof(VietnixBadRequestException) },
        { 403, "forbidden", "Policy doesn't allow os_compute_api:os-keypairs:create to be performed.", typeof(VietnixForbiddenException) },
        { 403, "forbidden", "Quota exceeded, too many key pairs.", typeof(VietnixForbiddenException) },
        { 404, "itemNotFound", "Keypair no-such-key not found for user 20ccc9a3243449c6b994b645e2403f88", typeof(VietnixNotFoundException) },
        { 406, "computeFault", "Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is 2.93.", typeof(VietnixMicroversionException) },
        { 409, "conflictingRequest", "Key pair 'rs-ed25519' already exists.", typeof(VietnixConflictException) },
        { 413, "overLimit", "Request is too large.", typeof(VietnixRequestTooLargeException) },
        { 429, "overLimit", "This request was rate-limited.", typeof(VietnixRateLimitException) },
        { 500, "computeFault", "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.", typeof(VietnixServiceException) },
        { 503, "computeFault", "Service Unavailable", typeof(VietnixServiceException) },
        { 418, "teapot", "I'm a teapot", typeof(VietnixApiException) },
    };

    [Theory]
    [MemberData(nameof(NovaFaults))]
    public async Task NovaFault_BecomesTheMatchingException_WithEverythingSupportNeeds(int status, string faultName, string message, Type expectedType)
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json((HttpStatusCode)status, NovaResponses.Fault(faultName, status, message), ("x-openstack-request-id", NovaResponses.RequestId)));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Record.ExceptionAsync(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("rs-ed25519") { PublicKey = Ed25519 }, None));

        // Assert
        Assert.NotNull(exception);
        Assert.IsType(expectedType, exception);
        var api = (VietnixApiException)exception!;
        Assert.Equal(status, api.StatusCode);
        Assert.Equal(message, api.ServerMessage);
        Assert.Equal(faultName, api.Details.FaultName);
        Assert.Equal(NovaResponses.RequestId, api.RequestId);
        Assert.Equal("POST", api.Method);
        Assert.Equal(TestClient.KeyPairsUrl, api.Url);
        Assert.Contains(message, api.Message);
        Assert.Contains(NovaResponses.RequestId, api.Message);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), api.Message);
        Assert.DoesNotContain(TestClient.Token, api.Message);
    }

    [Fact]
    public async Task QuotaFault_IsRecognisedAsQuotaExceeded()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Forbidden, "{\"forbidden\": {\"code\": 403, \"message\": \"Quota exceeded, too many key pairs.\"}}"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixForbiddenException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k101") { PublicKey = Ed25519 }, None));

        // Assert
        Assert.True(exception.IsQuotaExceeded);
    }

    [Fact]
    public async Task PolicyFault_IsNotQuotaExceeded()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Forbidden, NovaResponses.Fault("forbidden", 403, "Policy doesn't allow os_compute_api:os-keypairs:index to be performed.")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixForbiddenException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest { UserId = "20ccc9a3243449c6b994b645e2403f88" }, None));

        // Assert
        Assert.False(exception.IsQuotaExceeded);
        Assert.Equal("GET", exception.Method);
        Assert.Equal(TestClient.KeyPairsUrl + "?user_id=20ccc9a3243449c6b994b645e2403f88", exception.Url);
    }

    [Fact]
    public async Task RequestId_FallsBackToTheComputeRequestIdHeader()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.NotFound, NovaResponses.Fault("itemNotFound", 404, "Keypair k not found for user u"), ("x-compute-request-id", "req-compute-only")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixNotFoundException>(() => client.KeyPairs.GetAsync("k", null, None));

        // Assert
        Assert.Equal("req-compute-only", exception.RequestId);
        Assert.Contains("req-compute-only", exception.Message);
    }

    [Fact]
    public async Task RequestId_PrefersTheOpenStackRequestIdHeader()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.NotFound, NovaResponses.Fault("itemNotFound", 404, "gone"), ("x-compute-request-id", "req-compute"), ("x-openstack-request-id", "req-openstack")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixNotFoundException>(() => client.KeyPairs.GetAsync("k", null, None));

        // Assert
        Assert.Equal("req-openstack", exception.RequestId);
    }

    [Fact]
    public async Task KeystoneMiddleware401_IsAnAuthenticationError()
    {
        // Arrange
        const string body = "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}";
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.Unauthorized, body, ("WWW-Authenticate", "Keystone uri=\"http://127.0.0.1:5000/\"")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixAuthenticationException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Equal(401, exception.StatusCode);
        Assert.Equal("The request you have made requires authentication.", exception.ServerMessage);
        Assert.Equal("error", exception.Details.FaultName);
        Assert.Contains("The request you have made requires authentication.", exception.Message);
        Assert.DoesNotContain(TestClient.Token, exception.Message);
    }

    [Fact]
    public async Task HtmlBadGatewayPage_GivesAShortTextMessageWithoutTags()
    {
        // Arrange
        const string page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Text(HttpStatusCode.BadGateway, page, "text/html"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.GetAsync("k", null, None));

        // Assert
        Assert.Equal(502, exception.StatusCode);
        Assert.Equal("502 Bad Gateway 502 Bad Gateway nginx/1.22.1", exception.ServerMessage);
        Assert.DoesNotContain("<", exception.Message);
        Assert.DoesNotContain(">", exception.Message);
    }

    [Fact]
    public async Task LongHtmlErrorPage_IsCutShort()
    {
        // Arrange
        var page = "<html><body><p>" + string.Concat(System.Linq.Enumerable.Repeat("The upstream server is not answering. ", 100)) + "</p></body></html>";
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Text(HttpStatusCode.GatewayTimeout, page, "text/html"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.GetAsync("k", null, None));

        // Assert
        Assert.NotNull(exception.ServerMessage);
        Assert.True(exception.ServerMessage!.Length <= 301, $"message has {exception.ServerMessage.Length} characters");
        Assert.DoesNotContain("<", exception.ServerMessage);
    }

    [Fact]
    public async Task EmptyErrorBody_FallsBackToTheReasonPhrase()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => NovaResponses.Empty(HttpStatusCode.InternalServerError));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Null(exception.ServerMessage);
        Assert.Contains("Internal Server Error", exception.Message);
        Assert.Contains("500", exception.Message);
    }

    [Fact]
    public async Task TooManyRequests_CarriesRetryAfter()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json((HttpStatusCode)429, "{\"overLimit\": {\"code\": 429, \"message\": \"This request was rate-limited.\", \"retryAfter\": \"7\"}}", ("Retry-After", "7")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixRateLimitException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), exception.Details.RetryAfter);
    }

    [Fact]
    public async Task NoRetryAfterHeader_MeansNoRetryAfter()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json((HttpStatusCode)429, NovaResponses.Fault("overLimit", 429, "slow down")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixRateLimitException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Null(exception.Details.RetryAfter);
    }

    [Fact]
    public async Task MarkerNotFound_IsABadRequestFromTheListUrl()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.ListPage(["a"], TestClient.KeyPairsUrl + "?limit=1&marker=a")))
            .Respond(_ => NovaResponses.Json(HttpStatusCode.BadRequest, NovaResponses.Fault("badRequest", 400, "Marker a could not be found.")));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixBadRequestException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest { PageSize = 1 }, None));

        // Assert
        Assert.Equal("Marker a could not be found.", exception.ServerMessage);
        Assert.Equal(TestClient.KeyPairsUrl + "?limit=1&marker=a", exception.Url);
    }
    [Fact]
    public async Task NotFound_ForANameWithASpace_ReportsTheUrlAsItWasSent()
    {
        // Arrange
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Json(HttpStatusCode.NotFound, NovaResponses.Fault("itemNotFound", 404, "Keypair my key@x not found for user u1")));
        using var client = TestClient.Create(fake, "2.93");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixNotFoundException>(() => client.KeyPairs.GetAsync("my key@x", null, None));

        // Assert
        var sent = Assert.Single(fake.ApiRequests).AbsoluteUri;
        Assert.Equal(TestClient.KeyPairsUrl + "/my%20key%40x", sent);
        Assert.Equal(sent, exception.Url);
        Assert.Contains(sent, exception.Message);
    }

    [Fact]
    public async Task ApacheProxyErrorPage_GivesItsTextWithoutTags()
    {
        // Arrange
        const string page = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>502 Proxy Error</title>\n</head><body>\n<h1>Proxy Error</h1>\n<p>The proxy server received an invalid\r\nresponse from an upstream server.<br />\r\n</p>\n</body></html>\n";
        var fake = new FakeNovaHandler().WithDiscovery()
            .Respond(_ => NovaResponses.Text(HttpStatusCode.BadGateway, page, "text/html"));
        using var client = TestClient.Create(fake, "2.72");

        // Act
        var exception = await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.ListAsync(new KeyPairListRequest(), None));

        // Assert
        Assert.Equal("502 Proxy Error Proxy Error The proxy server received an invalid response from an upstream server.", exception.ServerMessage);
    }
}
