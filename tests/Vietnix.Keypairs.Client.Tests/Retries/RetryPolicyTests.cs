using System;
using Vietnix.Keypairs.Client.Retries;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests.Retries;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(5, 16.0)]
    [InlineData(6, 20.0)]
    [InlineData(12, 20.0)]
    public void Backoff_DoublesFromOneSecond_AndStopsAtTwentySeconds(int retry, double ceilingSeconds)
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(jitter: 1.0);

        // Act
        var delay = policy.Backoff(retry);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), delay);
    }

    [Fact]
    public void Backoff_IsFullJitter_ARandomShareOfTheCeiling()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(jitter: 0.25);

        // Act
        var delay = policy.Backoff(3);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(1), delay);
    }

    [Fact]
    public void Decide_AllowsMaxRetries_ThenGivesUpSayingHowManyAttemptsWereMade()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(maxRetries: 2);

        // Act
        var first = policy.Decide(0, RetryCause.ServerError, null);
        var second = policy.Decide(1, RetryCause.ServerError, null);
        var third = policy.Decide(2, RetryCause.ServerError, null);

        // Assert
        Assert.True(first.ShouldRetry);
        Assert.True(second.ShouldRetry);
        Assert.False(third.ShouldRetry);
        Assert.Contains("3 attempts made", third.Reason);
    }

    [Fact]
    public void Decide_WithMaxRetriesZero_NeverRetries()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(maxRetries: 0);

        // Act
        var decision = policy.Decide(0, RetryCause.ConnectionFailure, null);

        // Assert
        Assert.False(decision.ShouldRetry);
        Assert.Contains("-MaxRetries 0", decision.Reason);
    }

    [Fact]
    public void Decide_WaitsWhatRetryAfterAsks_InsteadOfTheBackoff()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(jitter: 1.0);

        // Act
        var decision = policy.Decide(0, RetryCause.Throttled, TimeSpan.FromSeconds(7));

        // Assert
        Assert.True(decision.ShouldRetry);
        Assert.True(decision.FromRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(7), decision.Delay);
    }

    [Fact]
    public void Decide_RetryAfterPastTheCap_GivesUpAtOnce_SayingHowLongTheServerAskedToWait()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy();

        // Act
        var decision = policy.Decide(0, RetryCause.ServerError, TimeSpan.FromSeconds(120));

        // Assert
        Assert.False(decision.ShouldRetry);
        Assert.Equal(TimeSpan.FromSeconds(120), decision.ServerAskedToWait);
        Assert.Contains("asked to wait 120 s", decision.Reason);
        Assert.Equal(500, policy.Budget.Available);
    }

    [Fact]
    public void Decide_RetryAfterAtTheCap_IsHonoured()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy();

        // Act
        var decision = policy.Decide(0, RetryCause.ServerError, TimeSpan.FromSeconds(60));

        // Assert
        Assert.True(decision.ShouldRetry);
        Assert.Equal(TimeSpan.FromSeconds(60), decision.Delay);
    }

    [Fact]
    public void Budget_ARetryCostsFive_ARetryAfterATimeoutTen()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(budget: 100);

        // Act
        policy.Decide(0, RetryCause.ServerError, null);
        policy.Decide(0, RetryCause.Timeout, null);

        // Assert
        Assert.Equal(85, policy.Budget.Available);
    }

    [Fact]
    public void Budget_WhenSpent_RequestsFailAtTheirFirstFailure_UntilSuccessesRefillIt()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(budget: 10);
        Assert.True(policy.Decide(0, RetryCause.ConnectionFailure, null).ShouldRetry);
        Assert.True(policy.Decide(0, RetryCause.ConnectionFailure, null).ShouldRetry);

        // Act
        var spent = policy.Decide(0, RetryCause.ConnectionFailure, null);
        for (var i = 0; i < 5; i++)
        {
            policy.RecordSuccess(0);
        }

        var refilled = policy.Decide(0, RetryCause.ConnectionFailure, null);

        // Assert
        Assert.False(spent.ShouldRetry);
        Assert.Contains("retry budget", spent.Reason);
        Assert.True(refilled.ShouldRetry);
    }

    [Fact]
    public void Budget_ASuccessAfterRetries_GivesBackWhatTheyCost_NeverMoreThanTheCapacity()
    {
        // Arrange
        var policy = new FakeRetryClock().Policy(budget: 20);
        var decision = policy.Decide(0, RetryCause.Timeout, null);

        // Act
        policy.RecordSuccess(decision.Cost);
        policy.RecordSuccess(0);

        // Assert
        Assert.Equal(20, policy.Budget.Available);
    }
}
