using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Identity;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests.Retries;

/// <summary>The retry handler in the real pipeline, over a scripted Nova and a clock that never sleeps.</summary>
public class RetryHandlerTests
{
    private static HttpResponseMessage Shown(string name = "k1") =>
        NovaResponses.Json(HttpStatusCode.OK, new JsonObject { ["keypair"] = NovaResponses.KeyPair(name) }.ToJsonString());

    private static HttpResponseMessage Status(int status, params (string Name, string Value)[] headers) =>
        NovaResponses.Json((HttpStatusCode)status, NovaResponses.Fault("computeFault", status, "try later"), headers);

    private static HttpRequestException Reset() =>
        new("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset));

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Get_IsRetried_AfterATransientStatus(int status)
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(status)).Respond(_ => Shown());
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        var shown = await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal("k1", shown.Name);
        Assert.Equal(2, fake.ApiRequests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1)], clock.Waits);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(500)]
    [InlineData(501)]
    public async Task Get_IsNotRetried_AfterAStatusARetryWouldNotChange(int status)
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(status));
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        await Assert.ThrowsAnyAsync<VietnixApiException>(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.Single(fake.ApiRequests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task Get_IsRetried_AfterAConnectionFailure_WithBackoffThatDoubles()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery().Throw(Reset()).Throw(Reset()).Respond(_ => Shown());
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal(3, fake.ApiRequests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task Get_ThatKeepsFailing_StopsAfterThreeAttempts_AndReportsTheLastFailure()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery().RespondToAllOthers(_ => Status(503));
        using var client = TestClient.Create(fake, log: log, retries: clock.Policy());

        // Act
        var failure = await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(3, fake.ApiRequests.Count);
        var notes = log.Entries.Where(entry => entry.Note is not null).Select(entry => entry.Summary()).ToList();
        Assert.Equal(
            [
                "Using compute microversion 2.72 (asked for 2.72; the server serves 2.1 to 2.93).",
                $"Retrying GET {TestClient.KeyPairsUrl}/k1 in 1 s (backoff; retry 1 of 2) after 503 Service Unavailable.",
                $"Retrying GET {TestClient.KeyPairsUrl}/k1 in 2 s (backoff; retry 2 of 2) after 503 Service Unavailable.",
                $"Not retrying GET {TestClient.KeyPairsUrl}/k1 after 503 Service Unavailable: 3 attempts made, the most this session allows (-MaxRetries 2).",
            ],
            notes);
    }

    [Fact]
    public async Task RetryAfterInSeconds_IsTheWait()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(503, ("Retry-After", "3"))).Respond(_ => Shown());
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(3)], clock.Waits);
    }

    [Fact]
    public async Task RetryAfterAsADate_IsTheWaitUntilThatDate()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var date = clock.UtcNow.AddSeconds(9).ToString("r");
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(429, ("Retry-After", date))).Respond(_ => Shown());
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(9)], clock.Waits);
    }

    [Fact]
    public async Task RetryAfterPastTheCap_FailsAtOnce_SayingHowLongTheServerAskedToWait()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(503, ("Retry-After", "300")));
        using var client = TestClient.Create(fake, log: log, retries: clock.Policy());

        // Act
        var failure = await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.Single(fake.ApiRequests);
        Assert.Empty(clock.Waits);
        Assert.Contains("The server asked to wait 300 s before trying again.", failure.Message);
        Assert.Contains(log.Entries, entry => entry.Note?.Contains("asked to wait 300 s before trying again, longer than the 60 s") == true);
    }

    [Fact]
    public async Task Create_IsNeverRepeatedByTheTransport()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(503));
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.CreateAsync(new KeyPairCreateRequest("k1"), CancellationToken.None));

        // Assert
        Assert.Single(fake.ApiRequests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task VersionDocument_IsRetried()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().Throw(Reset()).WithDiscovery();
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        var negotiation = await client.NegotiateAsync(CancellationToken.None);

        // Assert
        Assert.Equal("2.72", negotiation.Negotiated.ToString());
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Delete_IsRetried_AndA404AfterALostAnswer_IsASuccess()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery().Throw(Reset()).Respond(_ => Status(404));
        using var client = TestClient.Create(fake, log: log, retries: clock.Policy());

        // Act
        await client.KeyPairs.DeleteAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal(2, fake.ApiRequests.Count);
        Assert.Contains(log.Entries, entry => entry.Note?.Contains("that attempt deleted it") == true);
    }

    [Fact]
    public async Task Delete_404AfterA503_IsStillNotFound_BecauseThe503MeantNothingWasDone()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(503)).Respond(_ => Status(404));
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act / Assert
        await Assert.ThrowsAsync<VietnixNotFoundException>(() => client.KeyPairs.DeleteAsync("k1", null, CancellationToken.None));
    }

    [Fact]
    public async Task AnAttemptPastItsTimeLimit_IsRetried()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery()
            .RespondAsync(async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return Shown();
            })
            .Respond(_ => Shown());
        using var client = TestClient.Create(fake, timeout: TimeSpan.FromMilliseconds(200), retries: clock.Policy());

        // Act
        var shown = await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal("k1", shown.Name);
        Assert.Equal(2, fake.ApiRequests.Count);
    }

    [Fact]
    public async Task AnAttemptThatKeepsTimingOut_BecomesVietnixTimeoutException_WithTheAttemptLimit()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery()
            .RespondAsync(async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return Shown();
            });
        using var client = TestClient.Create(fake, timeout: TimeSpan.FromMilliseconds(200), retries: clock.Policy(maxRetries: 0));

        // Act
        var failure = await Assert.ThrowsAsync<VietnixTimeoutException>(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.Contains("got no answer within 0.2 s", failure.Message);
    }

    [Fact]
    public async Task CtrlC_DuringABackoffWait_EndsTheCallAtOnce()
    {
        // Arrange
        var clock = new FakeRetryClock { HoldWaits = true };
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(503));
        using var client = TestClient.Create(fake, retries: clock.Policy());
        using var stopping = new CancellationTokenSource();

        // Act
        var call = client.KeyPairs.GetAsync("k1", null, stopping.Token);
        await clock.WaitStarted.Task;
        stopping.Cancel();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(fake.ApiRequests);
    }

    [Fact]
    public async Task CtrlC_DuringARequest_IsNotMistakenForATimeout_AndIsNotRetried()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeNovaHandler().WithDiscovery()
            .RespondAsync(async (_, token) =>
            {
                started.SetResult(true);
                await Task.Delay(Timeout.Infinite, token);
                return Shown();
            });
        using var client = TestClient.Create(fake, retries: clock.Policy());
        using var stopping = new CancellationTokenSource();

        // Act
        var call = client.KeyPairs.GetAsync("k1", null, stopping.Token);
        await started.Task;
        stopping.Cancel();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task KeystoneSignIn_IsRetried_ThoughItIsAPost()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().Throw(Reset()).Respond(_ => KeystoneFakes.Issued());
        using var keystone = KeystoneFakes.Client(fake, retries: clock.Policy());

        // Act
        var token = await keystone.IssueTokenAsync(
            new Client.Identity.PasswordCredential(Client.Identity.UserReference.WithId("u-1"), KeystoneFakes.Secure(KeystoneFakes.Password)),
            null, CancellationToken.None);

        // Assert
        Assert.Equal(KeystoneFakes.IssuedToken, token.Value);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task RetryAfterAsADateAlreadyPast_RetriesAtOnce()
    {
        // Arrange: a server whose clock is behind, or an answer that waited in a queue.
        var clock = new FakeRetryClock();
        var date = clock.UtcNow.AddSeconds(-30).ToString("r");
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(503, ("Retry-After", date))).Respond(_ => Shown());
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal([TimeSpan.Zero], clock.Waits);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public async Task RetryAfterThatIsNotSecondsOrADate_IsIgnored_AndTheBackoffApplies(string header)
    {
        // Arrange
        var clock = new FakeRetryClock();
        var log = new CollectingLog();
        var fake = new FakeNovaHandler().WithDiscovery().Respond(_ => Status(429, ("Retry-After", header))).Respond(_ => Shown());
        using var client = TestClient.Create(fake, log: log, retries: clock.Policy());

        // Act
        await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(1)], clock.Waits);
        Assert.Contains(log.Entries, entry => entry.Note?.Contains("(backoff; retry 1 of 2) after 429") == true);
    }

    [Fact]
    public async Task TheBackoffNeverExceedsTwentySeconds_HoweverManyRetriesAreAllowed()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler { MaxRequests = 20 }.WithDiscovery();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            fake.Throw(Reset());
        }

        fake.Respond(_ => Shown());
        using var client = TestClient.Create(fake, retries: clock.Policy(maxRetries: 8));

        // Act
        await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);

        // Assert: 1, 2, 4, 8, 16, then the cap.
        Assert.Equal([1, 2, 4, 8, 16, 20, 20, 20], clock.Waits.Select(wait => wait.TotalSeconds));
    }

    [Fact]
    public async Task ATlsFailure_IsNotRetried_BecauseTheNextAttemptWouldMeetTheSameCertificate()
    {
        // Arrange
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().WithDiscovery()
            .Throw(new HttpRequestException("The SSL connection could not be established.", new System.Security.Authentication.AuthenticationException("The remote certificate is invalid.")));
        using var client = TestClient.Create(fake, retries: clock.Policy());

        // Act
        await Assert.ThrowsAsync<VietnixConnectionException>(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));

        // Assert
        Assert.Single(fake.ApiRequests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task DuringAnOutage_TheSessionsBudgetRunsOut_AndLaterRequestsFailAtTheirFirstFailure()
    {
        // Arrange: a budget of 20 tokens pays for 4 retries (5 each), so two requests of 3 attempts
        // spend 20; the third request fails at once, and says why.
        var clock = new FakeRetryClock();
        var log = new CollectingLog();
        var fake = new FakeNovaHandler { MaxRequests = 20 }.WithDiscovery().RespondToAllOthers(_ => Status(503));
        using var client = TestClient.Create(fake, log: log, retries: clock.Policy(budget: 20));

        // Act
        for (var request = 0; request < 3; request++)
        {
            await Assert.ThrowsAsync<VietnixServiceException>(() => client.KeyPairs.GetAsync("k1", null, CancellationToken.None));
        }

        // Assert
        Assert.Equal(3 + 3 + 1, fake.ApiRequests.Count);
        Assert.Equal(4, clock.Waits.Count);
        Assert.Contains(log.Entries, entry => entry.Note?.Contains("the session's retry budget is spent") == true);
    }

    [Fact]
    public async Task AfterTheOutage_SuccessesRefillTheBudget_AndRetriesResume()
    {
        // Arrange: the budget is spent, then 5 quick successes give back 5 tokens, one retry's worth.
        var clock = new FakeRetryClock();
        var policy = clock.Policy(budget: 5);
        Assert.True(policy.Budget.TryAcquire(5));
        var fake = new FakeNovaHandler { MaxRequests = 20 }.WithDiscovery();
        for (var success = 0; success < 5; success++)
        {
            fake.Respond(_ => Shown());
        }

        fake.Respond(_ => Status(503)).Respond(_ => Shown());
        using var client = TestClient.Create(fake, retries: policy);

        // Act
        for (var request = 0; request < 6; request++)
        {
            await client.KeyPairs.GetAsync("k1", null, CancellationToken.None);
        }

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(1)], clock.Waits);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("POST")]
    public async Task OnlyGetAndDeleteAreRepeatedByTheTransport_NotOtherMethods(string method)
    {
        // Arrange: the pipeline as the factory builds it, sent a method the client itself never uses on Nova.
        var clock = new FakeRetryClock();
        var fake = new FakeNovaHandler().Throw(Reset()).Respond(_ => Shown());
        var log = new CollectingLog();
        using var http = Client.Http.HttpPipeline.Build("test", new ComputeServiceOptions(new Uri(TestClient.EndpointUrl)) { Retries = clock.Policy() }, log, () => fake);
        using var request = new HttpRequestMessage(new HttpMethod(method), TestClient.KeyPairsUrl) { Content = new StringContent("{}") };

        // Act
        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request));

        // Assert
        Assert.Single(fake.Requests);
        Assert.Empty(clock.Waits);
    }
}
