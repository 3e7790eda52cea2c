using System;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Completion;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>The cache behind -Name completion: fresh for a while, never waiting long, one read at a time.</summary>
public class CompletionCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private DateTimeOffset _now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFreshValueIsServedWithoutReadingAgain_AndAnOldOneIsReadAgain()
    {
        var cache = new CompletionCache<string[]>(Lifetime, () => _now);
        var reads = 0;
        Task<string[]> Read() => Task.FromResult(new[] { $"read-{Interlocked.Increment(ref reads)}" });

        var first = cache.Get(Read, TimeSpan.FromSeconds(5));
        _now += TimeSpan.FromSeconds(29);
        var cached = cache.Get(Read, TimeSpan.FromSeconds(5));
        _now += TimeSpan.FromSeconds(2);
        var again = cache.Get(Read, TimeSpan.FromSeconds(5));

        Assert.Equal(new[] { "read-1" }, first);
        Assert.Equal(new[] { "read-1" }, cached);
        Assert.Equal(new[] { "read-2" }, again);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void AValueCountsAsReadWhenItsReadStarted_SoASlowReadIsNotTakenForFresher()
    {
        var cache = new CompletionCache<string[]>(Lifetime, () => _now);
        var slow = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;

        cache.Get(() => { reads++; return slow.Task; }, TimeSpan.Zero);
        _now += TimeSpan.FromSeconds(29);
        slow.SetResult(["slow"]);
        var whenAnswered = cache.Get(() => { reads++; return Task.FromResult(new[] { "unexpected" }); }, TimeSpan.FromSeconds(5));
        _now += TimeSpan.FromSeconds(2);
        var afterLifetime = cache.Get(() => { reads++; return Task.FromResult(new[] { "next" }); }, TimeSpan.FromSeconds(5));

        Assert.Equal(new[] { "slow" }, whenAnswered);
        Assert.Equal(new[] { "next" }, afterLifetime);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void ASlowReadReturnsNothingAtOnce_ThenServesTheNextAsk_AndIsNotStartedTwice()
    {
        var cache = new CompletionCache<string[]>(Lifetime, () => _now);
        var answer = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;
        Task<string[]> Read()
        {
            Interlocked.Increment(ref reads);
            return answer.Task;
        }

        var whileSlow = cache.Get(Read, TimeSpan.Zero);
        var stillSlow = cache.Get(Read, TimeSpan.Zero);
        answer.SetResult(["late"]);
        var afterwards = cache.Get(Read, TimeSpan.FromSeconds(5));

        Assert.Null(whileSlow);
        Assert.Null(stillSlow);
        Assert.Equal(new[] { "late" }, afterwards);
        Assert.Equal(1, reads);
    }

    [Fact]
    public void AFailedReadOffersTheLastValue_AndTheNextAskTriesAgain()
    {
        var cache = new CompletionCache<string[]>(Lifetime, () => _now);
        cache.Get(() => Task.FromResult(new[] { "old" }), TimeSpan.FromSeconds(5));
        _now += Lifetime;

        var duringFailure = cache.Get(() => Task.FromException<string[]>(new InvalidOperationException("down")), TimeSpan.FromSeconds(5));
        var recovered = cache.Get(() => Task.FromResult(new[] { "new" }), TimeSpan.FromSeconds(5));

        Assert.Equal(new[] { "old" }, duringFailure);
        Assert.Equal(new[] { "new" }, recovered);
    }

    [Fact]
    public void ForgetDropsTheValue_AndAReadStartedBeforeItIsNotKept()
    {
        var cache = new CompletionCache<string[]>(Lifetime, () => _now);
        cache.Get(() => Task.FromResult(new[] { "before" }), TimeSpan.FromSeconds(5));
        _now += Lifetime;
        var stale = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Get(() => stale.Task, TimeSpan.Zero);

        cache.Forget();
        stale.SetResult(["read-before-the-change"]);
        var afterChange = cache.Get(() => Task.FromResult(new[] { "after" }), TimeSpan.FromSeconds(5));

        Assert.Equal(new[] { "after" }, afterChange);
    }
}
