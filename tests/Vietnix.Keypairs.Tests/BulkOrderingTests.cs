using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>
/// -ThrottleLimit with requests the test finishes by hand, in the order it chooses: items run
/// together up to the limit, and what they write comes out in input order. No timing is involved:
/// the test waits for calls to start, never for time to pass.
/// </summary>
public sealed class BulkOrderingTests
{
    [Fact]
    public void ItemsRunTogetherUpToTheLimit_AndAreWrittenInInputOrder_WhateverOrderTheyFinishIn()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var calls = ControlledCalls.ForDeletes(harness);
        using var command = new RunningCommand(harness, "'a','b','c','d','e','f' | Remove-VietnixKeyPair -Force -ThrottleLimit 3 -Verbose 4>&1");

        // Act: the first item goes alone; then three at once, finished last to first.
        calls.WaitForStarts(1);
        calls.Complete("a");
        calls.WaitForStarts(3);
        calls.Complete("d");
        calls.Complete("c");
        calls.Complete("b");
        calls.WaitForStarts(2);
        calls.Complete("f");
        calls.Complete("e");
        var output = command.Finish();

        // Assert
        Assert.Equal(["removed a", "removed b", "removed c", "removed d", "removed e", "removed f"], output);
        Assert.Equal(3, calls.MaxInFlight);
        Assert.Equal(["a"], calls.StartedBefore("end a"));
        Assert.Equal(["a", "b", "c", "d"], calls.StartedBefore("end d"));

        // e waited for the oldest item (b), not for any free place.
        Assert.DoesNotContain("e", calls.StartedBefore("end b"));
    }

    [Fact]
    public void ThrottleLimitOne_FinishesEachItemBeforeTheNextStarts()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var calls = ControlledCalls.ForDeletes(harness);
        using var command = new RunningCommand(harness, "'a','b','c' | Remove-VietnixKeyPair -Force -ThrottleLimit 1 -Verbose 4>&1");

        // Act
        foreach (var name in new[] { "a", "b", "c" })
        {
            calls.WaitForStarts(1);
            calls.Complete(name);
        }

        var output = command.Finish();

        // Assert
        Assert.Equal(["removed a", "removed b", "removed c"], output);
        Assert.Equal(["start a", "end a", "start b", "end b", "start c", "end c"], calls.Events);
    }

    [Fact]
    public void AFailedItem_IsWrittenAtItsPlace_BetweenTheItemsAroundIt()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var calls = ControlledCalls.ForDeletes(harness);
        using var command = new RunningCommand(harness, "'a','b','c','d','e' | Remove-VietnixKeyPair -Force -ThrottleLimit 4 -Verbose 4>&1 2>&1");

        // Act: c fails, after d and e have already succeeded.
        calls.WaitForStarts(1);
        calls.Complete("a");
        calls.WaitForStarts(4);
        calls.Complete("e");
        calls.Complete("d");
        calls.Fail("c", ApiErrors.Status(404, "Keypair c not found for user u", "DELETE"));
        calls.Complete("b");
        var output = command.Finish();

        // Assert
        Assert.Equal(["removed a", "removed b", "error KeyPairNotFound c", "removed d", "removed e"], output);
    }

    [Fact]
    public void AnErrorFoundBeforeItsItemStarts_WaitsForTheItemsBeforeIt()
    {
        // Arrange: c's key does not parse, so it is refused before anything is sent for it.
        using var harness = new CmdletHarness();
        var calls = ControlledCalls.ForCreates(harness);
        var key = NovaKeyPairs.Ed25519PublicKey;
        using var command = new RunningCommand(harness,
            "@{Name='a';PublicKey=$key}, @{Name='b';PublicKey=$key}, @{Name='c';PublicKey='ssh-ed25519 not-base64'}, @{Name='d';PublicKey=$key} | ForEach-Object { [pscustomobject]$_ } | Import-VietnixKeyPair -ThrottleLimit 4 2>&1",
            new Dictionary<string, object?> { ["key"] = key });

        // Act: c's error is found while b is in flight; d, started after it, finishes first.
        calls.WaitForStarts(1);
        calls.Complete("a");
        calls.WaitForStarts(2);
        calls.Complete("d");
        calls.Complete("b");
        var output = command.Finish();

        // Assert
        Assert.Equal(4, output.Count);
        Assert.Equal(["keypair a", "keypair b"], output.Take(2));
        Assert.Matches("^error [A-Za-z]+ c$", output[2]);
        Assert.Equal("keypair d", output[3]);
    }

    [Fact]
    public void NewKeyPairs_FromPipedObjects_AreMadeTogether_EachInItsOwnFile_AndWrittenInInputOrder()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("vietnix-bulk-new-").FullName;
        try
        {
            using var harness = new CmdletHarness();
            harness.NameIsFree();
            var calls = ControlledCalls.ForCreates(harness);
            using var command = new RunningCommand(harness,
                "'a','b','c','d' | ForEach-Object { [pscustomobject]@{ Name = $_; PrivateKeyPath = Join-Path $folder $_ } } | New-VietnixKeyPair -KeyAlgorithm Ed25519 -ThrottleLimit 4",
                new Dictionary<string, object?> { ["folder"] = folder });

            // Act: the first goes alone; the other three are sent together and answered last to first.
            calls.WaitForStarts(1);
            calls.Complete("a");
            calls.WaitForStarts(3);
            calls.Complete("d");
            calls.Complete("c");
            calls.Complete("b");
            var output = command.Finish();

            // Assert
            Assert.Equal(["keypair a", "keypair b", "keypair c", "keypair d"], output);
            Assert.Equal(3, calls.MaxInFlight);
            foreach (var name in new[] { "a", "b", "c", "d" })
            {
                Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", File.ReadAllText(Path.Combine(folder, name)));
                Assert.EndsWith($" {name}\n", File.ReadAllText(Path.Combine(folder, name + ".pub")));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ErrorActionStop_SendsOneItemAtATime_SoNothingAfterTheFailedItemIsSent()
    {
        // Arrange: without -ErrorAction Stop, c would be sent while b is still in flight.
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.DeleteAsync("a", null, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        harness.Client.Setup(client => client.DeleteAsync("b", null, It.IsAny<CancellationToken>())).ThrowsAsync(ApiErrors.Status(404, "Keypair b not found for user u", "DELETE"));
        harness.Client.Setup(client => client.DeleteAsync("c", null, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        // Act
        var result = harness.Invoke("'a','b','c' | Remove-VietnixKeyPair -Force -ThrottleLimit 4 -ErrorAction Stop");

        // Assert
        Assert.StartsWith("KeyPairNotFound,", result.Terminating?.FullyQualifiedErrorId);
        harness.Client.Verify(client => client.DeleteAsync("c", null, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ErrorActionPreferenceStop_KeepsItemsTogether_AndEndsAtTheFirstFailedItemInInputOrder()
    {
        // Arrange: a script's $ErrorActionPreference = 'Stop', not -ErrorAction Stop on the command.
        using var harness = new CmdletHarness();
        var calls = ControlledCalls.ForDeletes(harness);
        using var command = new RunningCommand(harness, "$ErrorActionPreference = 'Stop'; 'a','b','c','d' | Remove-VietnixKeyPair -Force -ThrottleLimit 4 -Verbose 4>&1");

        // Act: b, c and d are sent together; c and d succeed before b fails.
        calls.WaitForStarts(1);
        calls.Complete("a");
        calls.WaitForStarts(3);
        calls.Complete("d");
        calls.Complete("c");
        calls.Fail("b", ApiErrors.Status(404, "Keypair b not found for user u", "DELETE"));
        var failure = Assert.ThrowsAny<RuntimeException>(() => command.Finish());

        // Assert: b's error ends the command at b's place; nothing after it is written.
        Assert.StartsWith("KeyPairNotFound,", failure.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(["removed a"], command.OutputSoFar());
        Assert.Equal(3, calls.MaxInFlight);
    }

    [Fact]
    public void Stopping_CancelsEveryRequestInFlight_AndWritesNothingMore()
    {
        // Arrange
        using var harness = new CmdletHarness();
        var calls = ControlledCalls.ForDeletes(harness);
        using var command = new RunningCommand(harness, "'a','b','c','d','e' | Remove-VietnixKeyPair -Force -ThrottleLimit 4 -Verbose 4>&1");
        calls.WaitForStarts(1);
        calls.Complete("a");
        calls.WaitForStarts(4);

        // Act: Ctrl+C.
        command.Stop();

        // Assert
        Assert.Equal(PSInvocationState.Stopped, command.State);
        Assert.All(new[] { "b", "c", "d", "e" }, name => Assert.True(calls.TokenOf(name).IsCancellationRequested, $"{name} was not cancelled"));
        Assert.Equal(["removed a"], command.OutputSoFar());
    }

    /// <summary>Client calls that start when the command makes them and end when the test says so.</summary>
    private sealed class ControlledCalls
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private readonly object _gate = new();
        private readonly Dictionary<string, TaskCompletionSource<bool>> _pending = new();
        private readonly Dictionary<string, CancellationToken> _tokens = new();
        private readonly SemaphoreSlim _started = new(0);
        private readonly List<string> _events = new();
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public IReadOnlyList<string> Events
        {
            get
            {
                lock (_gate)
                {
                    return _events.ToList();
                }
            }
        }

        public static ControlledCalls ForDeletes(CmdletHarness harness)
        {
            var calls = new ControlledCalls();
            harness.Client.Setup(client => client.DeleteAsync(It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
                .Returns((string name, string? _, CancellationToken token) => calls.CallAsync(name, token));
            return calls;
        }

        public static ControlledCalls ForCreates(CmdletHarness harness)
        {
            var calls = new ControlledCalls();
            harness.Client.Setup(client => client.CreateAsync(It.IsAny<KeyPairCreateRequest>(), It.IsAny<CancellationToken>()))
                .Returns(async (KeyPairCreateRequest request, CancellationToken token) =>
                {
                    await calls.CallAsync(request.Name, token).ConfigureAwait(false);
                    return new NovaKeyPair(request.Name, request.PublicKey!, PublicKeyText.ParseSingle(request.PublicKey).NovaFingerprint) { Type = "ssh" };
                });
            return calls;
        }

        /// <summary>Returns when <paramref name="count"/> more calls have started (a hang fails the test instead of blocking it).</summary>
        public void WaitForStarts(int count)
        {
            for (var started = 0; started < count; started++)
            {
                Assert.True(_started.Wait(StartTimeout), $"Only {started} of {count} calls started.");
            }
        }

        public void Complete(string name) => Settle(name, pending => pending.SetResult(true));

        public void Fail(string name, Exception failure) => Settle(name, pending => pending.SetException(failure));

        public CancellationToken TokenOf(string name)
        {
            lock (_gate)
            {
                return _tokens[name];
            }
        }

        /// <summary>The names whose calls had started when <paramref name="mark"/> happened.</summary>
        public IReadOnlyList<string> StartedBefore(string mark) =>
            Events.TakeWhile(entry => entry != mark).Where(entry => entry.StartsWith("start ", StringComparison.Ordinal)).Select(entry => entry.Substring(6)).ToList();

        private Task CallAsync(string name, CancellationToken token)
        {
            var pending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _events.Add("start " + name);
                _pending[name] = pending;
                _tokens[name] = token;
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            }

            token.Register(() => pending.TrySetCanceled(token));
            _started.Release();
            return pending.Task;
        }

        private void Settle(string name, Action<TaskCompletionSource<bool>> settle)
        {
            TaskCompletionSource<bool> pending;
            lock (_gate)
            {
                _events.Add("end " + name);
                _inFlight--;
                pending = _pending[name];
            }

            settle(pending);
        }
    }

    /// <summary>A command running in the harness's runspace while the test drives its calls.</summary>
    private sealed class RunningCommand : IDisposable
    {
        private readonly PowerShell _shell = PowerShell.Create();
        private readonly PSDataCollection<PSObject> _output = new();
        private readonly IAsyncResult _running;

        public RunningCommand(CmdletHarness harness, string script, IDictionary<string, object?>? variables = null)
        {
            foreach (var variable in variables ?? new Dictionary<string, object?>())
            {
                harness.Runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
            }

            _shell.Runspace = harness.Runspace;
            _shell.AddScript(script);
            _running = _shell.BeginInvoke<PSObject, PSObject>(null, _output);
        }

        public PSInvocationState State => _shell.InvocationStateInfo.State;

        /// <summary>Waits for the command to end and returns what it wrote, one line per record.</summary>
        public IReadOnlyList<string> Finish()
        {
            _shell.EndInvoke(_running);
            Assert.Empty(_shell.Streams.Error);
            return OutputSoFar();
        }

        public void Stop() => _shell.Stop();

        public IReadOnlyList<string> OutputSoFar() => _output.Select(record => record.BaseObject).Select(Describe).OfType<string>().ToList();

        public void Dispose() => _shell.Dispose();

        // Output, verbose and error records as one sequence; the negotiation note is left out.
        private static string? Describe(object record) => record switch
        {
            VerboseRecord verbose when verbose.Message.StartsWith("Removed key pair '", StringComparison.Ordinal) => "removed " + verbose.Message.Split('\'')[1],
            VerboseRecord => null,
            ErrorRecord error => $"error {error.FullyQualifiedErrorId.Split(',')[0]} {error.TargetObject}",
            KeyPair keyPair => "keypair " + keyPair.Name,
            _ => record.ToString(),
        };
    }
}
