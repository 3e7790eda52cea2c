using System;
using System.Threading;
using System.Threading.Tasks;
using System.Net.Http;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Models;

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
        Assert.True(result.ResponseWasLost);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Exactly(2));
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

        var thrown = await Assert.ThrowsAsync<VietnixConnectionException>(Import);

        Assert.Same(lost, thrown);
    }

    [Fact]
    public async Task Other_refusals_are_not_reconciled()
    {
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new VietnixForbiddenException(Details(403, "Quota exceeded, too many key pairs.")));

        await Assert.ThrowsAsync<VietnixForbiddenException>(Import);
        _client.Verify(c => c.GetAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_request_without_a_public_key_is_refused()
    {
        var importer = new KeyPairImporter(_client.Object);

        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(new KeyPairCreateRequest("web"), LocalFingerprint, CancellationToken.None));
    }

    private Task<KeyPairImportResult> Import() => new KeyPairImporter(_client.Object).ImportAsync(_request, LocalFingerprint, CancellationToken.None);

    private static NovaKeyPair Stored(string fingerprint) => new("web", "ssh-ed25519 AAAA test", fingerprint) { Type = "ssh" };

    private static VietnixConnectionException Lost() => new("POST", "http://nova/os-keypairs", new HttpRequestException("The response ended prematurely."));

    private static VietnixConflictException Conflict() => new(Details(409, "Key pair 'web' already exists."));

    private static VietnixNotFoundException NotFound() => new(Details(404, "Keypair web not found for user u"));

    private static ApiErrorDetails Details(int status, string message) =>
        new("POST", "http://nova/os-keypairs", status, null, "req-1", null, message);
}
