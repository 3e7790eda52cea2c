using System;
using System.Threading;
using System.Threading.Tasks;
using System.Net.Http;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

public sealed class KeyPairImporterTests
{
    private const string LocalFingerprint = "31:91:8e:28:d1:ef:96:17:eb:98:ca:ca:cd:a0:51:92";
    private const string OtherFingerprint = "25:17:98:88:dd:82:8a:73:7e:d7:5c:42:7f:68:79:f9";

    private readonly Mock<IKeyPairClient> _client = new(MockBehavior.Strict);
    private readonly KeyPairCreateRequest _request = new("web") { PublicKey = "ssh-ed25519 AAAA test" };

    [Fact]
    public async Task A_new_name_is_created_with_one_request()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ReturnsAsync(Stored(LocalFingerprint));

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Created, result.Outcome);
        Assert.False(result.ResponseWasLost);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_same_key_under_the_name_is_unchanged()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(Conflict());
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ReturnsAsync(Stored(LocalFingerprint.ToUpperInvariant()));

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Unchanged, result.Outcome);
        Assert.Equal("web", result.KeyPair.Name);
    }

    [Fact]
    public async Task Another_key_under_the_name_is_a_conflict_that_carries_the_stored_key_pair()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(Conflict());
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ReturnsAsync(Stored(OtherFingerprint));

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Conflict, result.Outcome);
        Assert.Equal(OtherFingerprint, result.KeyPair.Fingerprint);
    }

    [Fact]
    public async Task A_lost_response_whose_create_took_effect_is_created_without_a_second_create()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(Lost());
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ReturnsAsync(Stored(LocalFingerprint));

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Created, result.Outcome);
        Assert.True(result.ResponseWasLost);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_lost_response_whose_create_never_arrived_is_sent_once_more()
    {
        _client.SetupSequence(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(Lost())
            .ReturnsAsync(Stored(LocalFingerprint));
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ThrowsAsync(NotFound());

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Created, result.Outcome);
        Assert.False(result.ResponseWasLost);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Single(_clock.Waits);
    }

    [Fact]
    public async Task A_lost_response_for_a_name_that_holds_another_key_is_a_conflict()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(new VietnixTimeoutException("POST", "http://nova/os-keypairs", TimeSpan.FromSeconds(30), new TaskCanceledException()));
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ReturnsAsync(Stored(OtherFingerprint));

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Conflict, result.Outcome);
        Assert.True(result.ResponseWasLost);
    }

    [Fact]
    public async Task A_server_still_unreachable_reports_the_first_failure()
    {
        var lost = Lost();
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(lost);
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ThrowsAsync(Lost());

        var thrown = await Assert.ThrowsAsync<VietnixConnectionException>(() => Import());

        Assert.Same(lost, thrown);
    }

    [Fact]
    public async Task Other_refusals_are_not_reconciled()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new VietnixForbiddenException(Details(403, "Quota exceeded, too many key pairs.")));

        await Assert.ThrowsAsync<VietnixForbiddenException>(() => Import());
        _client.Verify(c => c.GetAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_request_without_a_public_key_is_refused()
    {
        var importer = new KeyPairImporter(_client.Object, _clock.Policy());

        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(new KeyPairCreateRequest("web"), LocalFingerprint, CancellationToken.None));
    }

    private readonly FakeRetryClock _clock = new();

    private Task<KeyPairImportResult> Import(int maxRetries = 2) =>
        new KeyPairImporter(_client.Object, _clock.Policy(maxRetries)).ImportAsync(_request, LocalFingerprint, CancellationToken.None);

    public static TheoryData<Exception> UnclearFailures() =>
    [
        Lost(),
        new VietnixTimeoutException("POST", "http://nova/os-keypairs", TimeSpan.FromSeconds(30), new TaskCanceledException()),
        new VietnixRateLimitException(Details(429, "Too many requests")),
        new VietnixServiceException(Details(500, "Unexpected API Error.")),
        new VietnixServiceException(Details(502, "Bad Gateway")),
        new VietnixServiceException(Details(503, "Service Unavailable")),
        new VietnixServiceException(Details(504, "Gateway Timeout")),
    ];

    [Theory]
    [MemberData(nameof(UnclearFailures))]
    public async Task Every_unclear_outcome_is_read_back_and_a_create_that_took_effect_is_not_sent_again(Exception failure)
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ReturnsAsync(Stored(LocalFingerprint));

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Created, result.Outcome);
        Assert.True(result.ResponseWasLost);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(_clock.Waits);
    }

    [Theory]
    [MemberData(nameof(UnclearFailures))]
    public async Task Every_unclear_outcome_whose_name_is_still_free_is_sent_again_after_a_backoff(Exception failure)
    {
        _client.SetupSequence(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure)
            .ReturnsAsync(Stored(LocalFingerprint));
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ThrowsAsync(NotFound());

        var result = await Import();

        Assert.Equal(KeyPairImportOutcome.Created, result.Outcome);
        Assert.False(result.ResponseWasLost);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Single(_clock.Waits);
    }

    [Fact]
    public async Task A_throttled_create_waits_what_Retry_After_asks_before_it_is_sent_again()
    {
        _client.SetupSequence(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new VietnixRateLimitException(new ApiErrorDetails("POST", "http://nova/os-keypairs", 429, null, "req-1", null, "slow down", TimeSpan.FromSeconds(4))))
            .ReturnsAsync(Stored(LocalFingerprint));
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ThrowsAsync(NotFound());

        await Import();

        Assert.Equal([TimeSpan.FromSeconds(4)], _clock.Waits);
    }

    [Fact]
    public async Task A_create_that_keeps_failing_is_sent_three_times_in_all_and_reports_the_last_failure()
    {
        _client.SetupSequence(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new VietnixServiceException(Details(503, "first")))
            .ThrowsAsync(new VietnixServiceException(Details(503, "second")))
            .ThrowsAsync(new VietnixServiceException(Details(503, "third")));
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ThrowsAsync(NotFound());

        var thrown = await Assert.ThrowsAsync<VietnixServiceException>(() => Import());

        Assert.Equal("third", thrown.ServerMessage);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Exactly(3));
        _client.Verify(c => c.GetAsync("web", null, It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task With_retries_off_an_unclear_create_is_still_read_back_but_never_resent()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(Lost());
        _client.Setup(c => c.GetAsync("web", null, It.IsAny<CancellationToken>())).ThrowsAsync(NotFound());

        await Assert.ThrowsAsync<VietnixConnectionException>(() => Import(maxRetries: 0));

        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Once);
        _client.Verify(c => c.GetAsync("web", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    private static NovaKeyPair Stored(string fingerprint) => new("web", "ssh-ed25519 AAAA test", fingerprint) { Type = "ssh" };

    private static VietnixConnectionException Lost() => new("POST", "http://nova/os-keypairs", new HttpRequestException("The response ended prematurely."));

    private static VietnixConflictException Conflict() => new(Details(409, "Key pair 'web' already exists."));

    private static VietnixNotFoundException NotFound() => new(Details(404, "Keypair web not found for user u"));

    private static ApiErrorDetails Details(int status, string message) =>
        new("POST", "http://nova/os-keypairs", status, null, "req-1", null, message);
}
