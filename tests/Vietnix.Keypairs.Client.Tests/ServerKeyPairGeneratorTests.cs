using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Models;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>Server-side generation leaves no key pair on the server whose private key nobody holds.</summary>
public sealed class ServerKeyPairGeneratorTests
{
    private readonly Mock<IKeyPairClient> _client = new(MockBehavior.Strict);
    private readonly KeyPairCreateRequest _request = new("gen");
    private readonly FakeRetryClock _clock = new();

    private static NovaKeyPair Generated(string fingerprint = "aa:bb") => new("gen", "ssh-rsa AAAA Generated-by-Nova", fingerprint) { PrivateKey = "-----BEGIN RSA PRIVATE KEY-----" };

    private static VietnixConnectionException Lost() => new("POST", "http://nova/os-keypairs", new HttpRequestException("The response ended prematurely."));

    private static ApiErrorDetails Details(int status, string message, string method = "GET") => new(method, "http://nova/os-keypairs/gen", status, null, "req-1", null, message);

    private static VietnixNotFoundException NotFound() => new(Details(404, "Keypair gen not found"));

    private Task<ServerGenerationResult> Generate(int maxRetries = 2) =>
        new ServerKeyPairGenerator(_client.Object, _clock.Policy(maxRetries)).GenerateAsync(_request, CancellationToken.None);

    private void Deletes() => _client.Setup(c => c.DeleteAsync("gen", null, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

    [Fact]
    public async Task A_free_name_is_checked_then_created_once()
    {
        _client.Setup(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>())).ThrowsAsync(NotFound());
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ReturnsAsync(Generated());

        var result = await Generate();

        Assert.False(result.NameTaken);
        Assert.Equal(0, result.OrphansRemoved);
        Assert.NotNull(result.KeyPair.PrivateKey);
    }

    [Fact]
    public async Task A_name_taken_before_the_command_is_reported_and_nothing_is_created()
    {
        _client.Setup(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>())).ReturnsAsync(Generated("cc:dd"));

        var result = await Generate();

        Assert.True(result.NameTaken);
        _client.Verify(c => c.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_lost_answer_whose_create_took_effect_deletes_the_orphan_and_generates_once_more()
    {
        _client.SetupSequence(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(NotFound())
            .ReturnsAsync(Generated("orphan"));
        _client.SetupSequence(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(Lost())
            .ReturnsAsync(Generated("kept"));
        Deletes();

        var result = await Generate();

        Assert.Equal("kept", result.KeyPair.Fingerprint);
        Assert.Equal(1, result.OrphansRemoved);
        _client.Verify(c => c.DeleteAsync("gen", null, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Single(_clock.Waits);
    }

    [Fact]
    public async Task An_unclear_failure_that_created_nothing_is_sent_again_without_a_delete()
    {
        _client.Setup(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>())).ThrowsAsync(NotFound());
        _client.SetupSequence(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new VietnixServiceException(Details(503, "Service Unavailable", "POST")))
            .ReturnsAsync(Generated());

        var result = await Generate();

        Assert.Equal(0, result.OrphansRemoved);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_409_after_a_lost_answer_is_that_create_taking_effect_late_so_it_is_an_orphan_too()
    {
        _client.SetupSequence(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(NotFound())
            .ThrowsAsync(NotFound());
        _client.SetupSequence(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()))
            .ThrowsAsync(Lost())
            .ThrowsAsync(new VietnixConflictException(Details(409, "Key pair 'gen' already exists.", "POST")))
            .ReturnsAsync(Generated("kept"));
        Deletes();

        var result = await Generate();

        Assert.Equal("kept", result.KeyPair.Fingerprint);
        Assert.Equal(1, result.OrphansRemoved);
    }

    [Fact]
    public async Task When_every_attempt_loses_its_answer_every_orphan_is_deleted_and_the_failure_reported()
    {
        _client.SetupSequence(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(NotFound())
            .ReturnsAsync(Generated("o1"))
            .ReturnsAsync(Generated("o2"))
            .ReturnsAsync(Generated("o3"));
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(Lost());
        Deletes();

        await Assert.ThrowsAsync<VietnixConnectionException>(() => Generate());

        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Exactly(3));
        _client.Verify(c => c.DeleteAsync("gen", null, It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task An_orphan_that_cannot_be_deleted_is_one_error_naming_it()
    {
        _client.SetupSequence(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(NotFound())
            .ReturnsAsync(Generated("orphan"));
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(Lost());
        _client.Setup(c => c.DeleteAsync("gen", null, It.IsAny<CancellationToken>())).ThrowsAsync(new VietnixServiceException(Details(503, "down", "DELETE")));

        var thrown = await Assert.ThrowsAsync<VietnixOrphanKeyPairException>(() => Generate());

        Assert.True(thrown.Confirmed);
        Assert.Equal("gen", thrown.Name);
        Assert.Contains("'gen' was created", thrown.Message);
        _client.Verify(c => c.CreateAsync(_request, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_lost_answer_that_cannot_be_read_back_says_the_key_pair_may_be_an_orphan()
    {
        _client.SetupSequence(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(NotFound())
            .ThrowsAsync(new VietnixConnectionException("GET", "http://nova/os-keypairs/gen", new HttpRequestException("refused")));
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(Lost());

        var thrown = await Assert.ThrowsAsync<VietnixOrphanKeyPairException>(() => Generate());

        Assert.False(thrown.Confirmed);
        Assert.Contains("may have been created", thrown.Message);
    }

    [Fact]
    public async Task Another_creator_taking_the_name_between_check_and_create_is_reported_as_taken()
    {
        _client.SetupSequence(c => c.GetAsync("gen", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(NotFound())
            .ReturnsAsync(Generated("theirs"));
        _client.Setup(c => c.CreateAsync(_request, It.IsAny<CancellationToken>())).ThrowsAsync(new VietnixConflictException(Details(409, "exists", "POST")));

        var result = await Generate();

        Assert.True(result.NameTaken);
        Assert.Equal("theirs", result.KeyPair.Fingerprint);
    }
}
