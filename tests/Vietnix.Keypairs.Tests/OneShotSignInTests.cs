using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Internal;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>
/// A key pair command's own sign-in parameters against a connected session: a secret goes only to
/// the Keystone it was given for, and nothing of the session's trust carries over to another one.
/// </summary>
public sealed class OneShotSignInTests
{
    private const string SessionPassword = "session-password-for-home-keystone";

    private static CmdletHarness ConnectedWithPassword(string authUrl, bool skipCertificateCheck = false)
    {
        var harness = new CmdletHarness(connected: false);
        var session = new VietnixSession(
            new CloudConfig
            {
                Source = "the test session",
                AuthUrl = authUrl,
                Username = "alice",
                Password = CmdletHarness.Secure(SessionPassword),
                ProjectName = "home",
                Insecure = skipCertificateCheck ? true : null,
            },
            harness.Compute.Object,
            new PipelineRequestLog());
        SessionStore.Replace(harness.Runspace, session);
        return harness;
    }

    [Fact]
    public void AnotherAuthUrlGetsNoPasswordFromTheSession_AndNothingIsSent()
    {
        // Arrange
        using var other = FakeKeystone.PlainHttp();
        using var harness = ConnectedWithPassword("https://home-keystone.invalid:5000/v3");

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -AuthUrl $other", new Dictionary<string, object?> { ["other"] = other.AuthUrl });

        // Assert
        Assert.Equal("SignInIncomplete,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Contains("password", result.Terminating!.ToString());
        Assert.Contains("not used with", result.Terminating.ToString());
        Assert.DoesNotContain(SessionPassword, result.Terminating.ToString());
        Assert.Empty(other.Requests);
    }

    [Fact]
    public void AnotherAuthUrlAndCredential_DoNotInheritTheSessionsSkippedCertificateCheck()
    {
        // Arrange: the session was made with -SkipCertificateCheck; the other Keystone's certificate is for another name.
        using var other = FakeKeystone.WithUntrustedCertificate();
        using var harness = ConnectedWithPassword("https://home-keystone.invalid:5000/v3", skipCertificateCheck: true);
        var bob = new PSCredential("bob", CmdletHarness.Secure("bobs-password"));

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -AuthUrl $other -Credential $bob -ProjectName p", new Dictionary<string, object?> { ["other"] = other.AuthUrl, ["bob"] = bob });

        // Assert
        Assert.Equal("ConnectionFailed,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Empty(other.Requests);
        Assert.DoesNotContain(result.Warnings, warning => warning.Contains("certificate checks are off"));
    }

    [Fact]
    public void TheSameKeystoneKeepsTheSessionsSignIn_ForAnotherProject()
    {
        // Arrange: the session's own Keystone, named with a trailing slash this time.
        using var home = FakeKeystone.PlainHttp();
        using var harness = ConnectedWithPassword(home.AuthUrl + "/");

        // Act
        var result = harness.Invoke("Get-VietnixKeyPair -ProjectName other-project");

        // Assert: the password went where it was given for; Keystone refused it there.
        Assert.Equal("AuthenticationFailed,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand", result.Terminating?.FullyQualifiedErrorId);
        var request = Assert.Single(home.Requests);
        Assert.Contains(SessionPassword, request);
        Assert.Contains("other-project", request);
    }

    [Fact]
    public void TheWarningAboutSkippedCertificateChecksComesBeforeTheFirstByte()
    {
        // Arrange
        var events = new ConcurrentQueue<string>();
        using var keystone = FakeKeystone.PlainHttp(_ => events.Enqueue("request"));
        using var harness = new CmdletHarness(connected: false);
        using var shell = PowerShell.Create();
        shell.Runspace = harness.Runspace;
        shell.Streams.Warning.DataAdded += (_, _) => events.Enqueue("warning");
        shell.AddCommand("Get-VietnixKeyPair")
            .AddParameter("AuthUrl", keystone.AuthUrl)
            .AddParameter("Credential", new PSCredential("bob", CmdletHarness.Secure("bobs-password")))
            .AddParameter("ProjectName", "p")
            .AddParameter("SkipCertificateCheck");

        // Act
        Assert.ThrowsAny<RuntimeException>(() => shell.Invoke());

        // Assert
        Assert.Equal(["warning", "request"], events.ToArray());
        Assert.Contains("certificate checks are off", shell.Streams.Warning.Single().Message);
    }
}
