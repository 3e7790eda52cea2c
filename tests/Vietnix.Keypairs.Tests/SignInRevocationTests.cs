using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>
/// Every token the module obtains is revoked once nobody will use it: when the sign-in fails after
/// Keystone issued it, when a command's own sign-in ends, and when Connect-VietnixAccount replaces a
/// connection, even if Ctrl+C interrupts that revocation.
/// </summary>
public sealed class SignInRevocationTests
{
    private static readonly Dictionary<string, object?> NoVariables = [];

    /// <summary>A Keystone that issues a project-scoped token (with an empty catalog) for every sign-in and answers revocations.</summary>
    private static FakeKeystone Keystone(Func<string, string?>? revoke = null)
    {
        var issued = 0;
        return FakeKeystone.Scripted(request =>
        {
            if (request.StartsWith("DELETE ", StringComparison.Ordinal))
            {
                return revoke is null ? FakeKeystone.Answer(204, string.Empty) : revoke(request);
            }

            var token = $"issued-token-{Interlocked.Increment(ref issued)}";
            var expires = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
            return FakeKeystone.Answer(201,
                $$$"""{"token":{"expires_at":"{{{expires}}}","methods":["password"],"user":{"id":"u-1","name":"demo","domain":{"id":"default","name":"Default"}},"project":{"id":"p-1","name":"demo","domain":{"id":"default","name":"Default"}},"catalog":[]}}""",
                $"X-Subject-Token: {token}");
        });
    }

    /// <summary>A Nova that serves 2.1 to 2.93 and an empty key pair list, or answers the list with <paramref name="listStatus"/>.</summary>
    private static FakeKeystone Nova(int listStatus = 200) => FakeKeystone.Scripted(request =>
        request.Split(' ')[1].Contains("os-keypairs", StringComparison.Ordinal)
            ? listStatus == 200
                ? FakeKeystone.Answer(200, """{"keypairs":[]}""")
                : FakeKeystone.Answer(listStatus, """{"forbidden":{"code":403,"message":"Policy does not allow os_compute_api:os-keypairs:index to be performed."}}""")
            : FakeKeystone.Answer(200, """{"version":{"id":"v2.1","status":"CURRENT","version":"2.93","min_version":"2.1"}}"""));

    private static Dictionary<string, object?> SignInTo(FakeKeystone keystone, FakeKeystone? nova) => new()
    {
        ["authUrl"] = keystone.AuthUrl,
        ["credential"] = new PSCredential("demo", CmdletHarness.Secure("demo-password")),
        ["endpoint"] = nova is null ? null : nova.AuthUrl.Replace("/v3", "/v2.1/p-1", StringComparison.Ordinal),
    };

    private static IReadOnlyList<string> Revoked(FakeKeystone keystone) =>
        keystone.Requests.Where(request => request.StartsWith("DELETE ", StringComparison.Ordinal))
            .Select(request => request.Split("\r\n").Single(line => line.StartsWith("X-Subject-Token:", StringComparison.OrdinalIgnoreCase)).Split(':')[1].Trim())
            .ToList();

    [Fact]
    public void AOneCommandSignInRevokesItsTokenWhenTheCommandEnds()
    {
        using var keystone = Keystone();
        using var nova = Nova();
        using var harness = new CmdletHarness(connected: false);

        var result = harness.Invoke("Get-VietnixKeyPair -AuthUrl $authUrl -Credential $credential -ProjectName demo -Endpoint $endpoint -Verbose", SignInTo(keystone, nova));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(["issued-token-1"], Revoked(keystone));
        Assert.Contains(result.Verbose, line => line.StartsWith("DELETE ", StringComparison.Ordinal) && line.Contains("/auth/tokens", StringComparison.Ordinal));
    }

    [Fact]
    public void AOneCommandSignInRevokesItsTokenWhenTheCommandFails()
    {
        using var keystone = Keystone();
        using var nova = Nova(listStatus: 403);
        using var harness = new CmdletHarness(connected: false);

        var result = harness.Invoke("Get-VietnixKeyPair -AuthUrl $authUrl -Credential $credential -ProjectName demo -Endpoint $endpoint -ErrorAction Stop", SignInTo(keystone, nova));

        Assert.NotNull(result.Terminating);
        Assert.Equal(["issued-token-1"], Revoked(keystone));
    }

    [Fact]
    public void ATokenIssuedForACatalogWithoutComputeIsRevoked()
    {
        using var keystone = Keystone();
        using var harness = new CmdletHarness(connected: false);

        var result = harness.Invoke("Connect-VietnixAccount -AuthUrl $authUrl -Credential $credential -ProjectName demo", SignInTo(keystone, nova: null));

        Assert.Equal("ComputeEndpointNotFound,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Equal(["issued-token-1"], Revoked(keystone));
        Assert.Empty(harness.Invoke("Get-VietnixContext", NoVariables).Output);
    }

    [Fact]
    public void ATokenThatFailsTheAccessCheckIsRevoked()
    {
        using var keystone = Keystone();
        using var nova = Nova(listStatus: 403);
        using var harness = new CmdletHarness(connected: false);

        var result = harness.Invoke("Connect-VietnixAccount -AuthUrl $authUrl -Credential $credential -ProjectName demo -Endpoint $endpoint", SignInTo(keystone, nova));

        Assert.Equal("KeyPairAccessDenied,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Equal(["issued-token-1"], Revoked(keystone));
    }

    [Fact]
    public void CtrlCWhileTheReplacedTokenIsRevokedLeavesTheNewConnectionInPlace()
    {
        // Arrange: connected with a password to a Keystone that will never answer the revocation.
        using var reached = new ManualResetEventSlim();
        using var keystone = Keystone(revoke: _ =>
        {
            reached.Set();
            return null;
        });
        using var nova = Nova();
        using var harness = new CmdletHarness(connected: false);
        var variables = SignInTo(keystone, nova);
        Assert.Null(harness.Invoke("Connect-VietnixAccount -AuthUrl $authUrl -Credential $credential -ProjectName demo -Endpoint $endpoint", variables).Terminating);
        foreach (var variable in variables)
        {
            harness.Runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
        }

        // Act: connect again, with a token used directly, and press Ctrl+C while the old token is being revoked.
        using var shell = PowerShell.Create();
        shell.Runspace = harness.Runspace;
        shell.AddScript("Connect-VietnixAccount -Token (ConvertTo-SecureString 'given-token' -AsPlainText -Force) -Endpoint $endpoint");
        var running = shell.BeginInvoke();
        Assert.True(reached.Wait(TimeSpan.FromSeconds(30)), "the old token's revocation was never sent");
        shell.Stop();
        Assert.ThrowsAny<PipelineStoppedException>(() => shell.EndInvoke(running));

        // Assert
        var context = Assert.IsType<VietnixContext>(harness.Invoke("Get-VietnixContext", NoVariables).Output.Single());
        Assert.Equal("Token", context.AuthenticationMethod);
        Assert.Null(context.AuthUrl);
    }
}
