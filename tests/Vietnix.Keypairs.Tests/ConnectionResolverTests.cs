using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Internal;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>Where a command's connection comes from: parameters, then -Cloud, the session, OS_CLOUD, OS_*.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-resolve-").FullName;
    private readonly List<string> _warnings = [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly IReadOnlyDictionary<string, string?> Openrc = new Dictionary<string, string?>
    {
        ["OS_AUTH_URL"] = "https://keystone.example:5000/v3",
        ["OS_USERNAME"] = "env-user",
        ["OS_PASSWORD"] = "env-password",
        ["OS_PROJECT_NAME"] = "env-project",
        ["OS_USER_DOMAIN_NAME"] = "Default",
        ["OS_PROJECT_DOMAIN_ID"] = "default",
        ["OS_REGION_NAME"] = "RegionOne",
    };

    private CloudConfig Resolve(Dictionary<string, object> given, CloudConfig? session = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        ConnectionResolver.Resolve(SignInParameters.Read(given, path => path), session, environment ?? new Dictionary<string, string?>(), _folder, _warnings.Add)!;

    private CloudConfig FromEnvironment(IReadOnlyDictionary<string, string?> environment) => Resolve([], environment: environment);

    private static KeystoneSignIn Keystone(CloudConfig config) => Assert.IsType<KeystoneSignIn>(SignInReader.Read(config));

    private static PSCredential Credential(string user, string password) => new(user, CmdletHarness.Secure(password));

    [Fact]
    public void AnOpenrcInTheEnvironmentIsUsedWhenNothingElseIsGiven()
    {
        var config = FromEnvironment(Openrc);
        var plan = Keystone(config);

        Assert.Equal("https://keystone.example:5000/v3", plan.AuthUrl!.AbsoluteUri);
        Assert.Equal("the password of user 'env-user' in domain 'Default'", plan.Credential!.Describe());
        Assert.Equal("project 'env-project' in domain 'default'", plan.Scope!.ToString());
        Assert.Equal("RegionOne", plan.Region);
    }

    [Fact]
    public void GivenParametersWinAndTheRestComesFromTheEnvironment()
    {
        var config = Resolve(new() { ["Credential"] = Credential("runbook", "asset-password"), ["ProjectName"] = "prod" }, environment: Openrc);
        var plan = Keystone(config);

        Assert.Equal("the password of user 'runbook' in domain 'Default'", plan.Credential!.Describe());
        Assert.Equal("project 'prod' in domain 'default'", plan.Scope!.ToString());
        Assert.Equal("https://keystone.example:5000/v3", plan.AuthUrl!.AbsoluteUri);
    }

    [Fact]
    public void TheSessionComesBeforeTheEnvironment()
    {
        var session = new CloudConfig { Source = "the session", AuthUrl = "https://session-keystone:5000/v3", Username = "session-user", Password = CmdletHarness.Secure("p"), ProjectId = "p-1" };

        var plan = Keystone(Resolve(new() { ["ApiVersion"] = "2.35" }, session, Openrc));

        Assert.Equal("https://session-keystone:5000/v3", plan.AuthUrl!.AbsoluteUri);
        Assert.Equal("2.35", plan.ApiVersion.ToString());
        Assert.Equal("project id p-1", plan.Scope!.ToString());
    }

    [Fact]
    public void OsCloudComesBeforeTheOsVariablesAndIsNotMixedWithThem()
    {
        File.WriteAllText(Path.Combine(_folder, "clouds.yaml"), """
            clouds:
              prod:
                auth:
                  auth_url: https://cloud-keystone:5000/v3
                  application_credential_id: ac-1
                  application_credential_secret: ac-secret
                auth_type: v3applicationcredential
            """);
        var environment = new Dictionary<string, string?>(Openrc) { ["OS_CLOUD"] = "prod" };

        var plan = Keystone(FromEnvironment(environment));

        Assert.Equal("application credential ac-1", plan.Credential!.Describe());
        Assert.Equal("https://cloud-keystone:5000/v3", plan.AuthUrl!.AbsoluteUri);
        Assert.Equal("RegionOne", plan.Region);
        Assert.Null(plan.Scope);
    }

    [Fact]
    public void AnExplicitCloudWinsOverTheSession()
    {
        File.WriteAllText(Path.Combine(_folder, "clouds.yaml"), "clouds:\n  lab:\n    auth:\n      auth_url: https://lab:5000/v3\n      username: lab-user\n      password: lab-password\n      project_name: lab\n");
        var session = new CloudConfig { Source = "the session", AuthUrl = "https://session:5000/v3", Username = "s", Password = CmdletHarness.Secure("p") };

        var plan = Keystone(Resolve(new() { ["Cloud"] = "lab" }, session));

        Assert.Equal("https://lab:5000/v3", plan.AuthUrl!.AbsoluteUri);
    }

    [Fact]
    public void AnApplicationCredentialWithAProjectIsRefusedBeforeAnythingIsSent()
    {
        var exception = Assert.Throws<ArgumentException>(() => Resolve(new() { ["ApplicationCredential"] = Credential("ac-1", "s"), ["ProjectName"] = "x" }));

        Assert.Contains("Leave out -ProjectId and -ProjectName", exception.Message);
    }

    [Fact]
    public void TwoCredentialsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Resolve(new() { ["Token"] = CmdletHarness.Secure("t"), ["Credential"] = Credential("u", "p") }));
    }

    [Fact]
    public void APasswordWithoutAnAuthUrlSaysWhichVariableToSet()
    {
        var exception = Assert.Throws<VietnixSignInException>(() => SignInReader.Read(Resolve(new() { ["Credential"] = Credential("u", "p") })));

        Assert.Equal((SignInProblem.Incomplete, SignInSetting.AuthUrl), (exception.Problem, exception.Setting));
        Assert.DoesNotContain("-AuthUrl", exception.Message);
        var message = ErrorMapper.Map(exception, null).Record.ErrorDetails.Message;
        Assert.Contains("OS_AUTH_URL", message);
        Assert.Contains("-AuthUrl", message);
    }

    [Fact]
    public void ATokenWithAProjectIdGoesStraightToVietnixCloudsEndpoint()
    {
        var signIn = SignInReader.Read(Resolve(new() { ["Token"] = CmdletHarness.Secure("t"), ["ProjectId"] = "abc123" }));

        var direct = Assert.IsType<DirectTokenSignIn>(signIn);
        Assert.Equal("https://api.vietnix.cloud:8774/v2.1/abc123", direct.Endpoint.AbsoluteUri);
    }

    [Fact]
    public void AnUnreadableApiVersionParameterIsRefusedWithTheAcceptedForms()
    {
        var exception = Assert.Throws<ArgumentException>(() => Resolve(new() { ["Token"] = CmdletHarness.Secure("t"), ["ProjectId"] = "p", ["ApiVersion"] = "two" }));

        Assert.Contains("latest", exception.Message);
    }

    [Fact]
    public void AnUnreadableOsComputeApiVersionNamesTheVariable()
    {
        var environment = new Dictionary<string, string?>(Openrc) { ["OS_COMPUTE_API_VERSION"] = "two" };

        var exception = Assert.Throws<VietnixSignInException>(() => SignInReader.Read(FromEnvironment(environment)));

        Assert.Equal(SignInSetting.ComputeApiVersion, exception.Setting);
        Assert.Contains("OS_COMPUTE_API_VERSION", ErrorMapper.Map(exception, null).Record.ErrorDetails.Message);
    }

    [Fact]
    public void AnotherAuthUrlTakesNoSecretNoInsecureAndNoCaFromTheSession()
    {
        var session = new CloudConfig { Source = "the session", AuthUrl = "https://home:5000/v3", Username = "alice", Password = CmdletHarness.Secure("p"), Insecure = true, CaCertificateFile = "/ca.pem" };

        var config = Resolve(new() { ["AuthUrl"] = new System.Uri("https://elsewhere:5000/v3") }, session);

        Assert.Equal(("https://elsewhere:5000/v3", "alice"), (config.AuthUrl, config.Username));
        Assert.False(config.HasCredential);
        Assert.Null(config.Insecure);
        Assert.Null(config.CaCertificateFile);
        var exception = Assert.Throws<VietnixSignInException>(() => SignInReader.Read(config));
        Assert.Contains("https://home:5000/v3", exception.Message);
        Assert.Contains("not used with https://elsewhere:5000/v3", exception.Message);
    }

    [Fact]
    public void AnotherAuthUrlTakesNoSecretFromTheOsVariablesEither()
    {
        var config = Resolve(new() { ["AuthUrl"] = new System.Uri("https://elsewhere:5000/v3") }, environment: Openrc);

        Assert.False(config.HasCredential);
    }

    [Fact]
    public void TheSameKeystoneSpelledAnotherWay_KeepsTheSessionsSignIn()
    {
        var session = new CloudConfig { Source = "the session", AuthUrl = "https://Home:5000/v3", Username = "alice", Password = CmdletHarness.Secure("p"), Insecure = true };

        var config = Resolve(new() { ["AuthUrl"] = new System.Uri("https://home:5000/"), ["ProjectName"] = "other" }, session);

        Assert.True(config.HasCredential);
        Assert.True(config.Insecure);
    }

    [Fact]
    public void AnotherCredentialTakesNoInsecureAndNoCaFromTheSession_ButKeepsItsKeystone()
    {
        var session = new CloudConfig { Source = "the session", AuthUrl = "https://home:5000/v3", Username = "alice", Password = CmdletHarness.Secure("p"), Insecure = true, CaCertificateFile = "/ca.pem" };

        var config = Resolve(new() { ["Credential"] = Credential("bob", "b") }, session);

        Assert.Equal(("https://home:5000/v3", "bob"), (config.AuthUrl, config.Username));
        Assert.Null(config.Insecure);
        Assert.Null(config.CaCertificateFile);
    }

    [Fact]
    public void ACredentialCompletingAnEnvironmentWithoutOne_KeepsItsCa()
    {
        // A runbook: OS_AUTH_URL and OS_CACERT in the environment, the password from an automation asset.
        var environment = new Dictionary<string, string?> { ["OS_AUTH_URL"] = "https://home:5000/v3", ["OS_CACERT"] = "/ca.pem", ["OS_PROJECT_NAME"] = "p" };

        var config = Resolve(new() { ["Credential"] = Credential("runbook", "asset-password") }, environment: environment);

        Assert.Equal("/ca.pem", config.CaCertificateFile);
        Assert.True(config.HasCredential);
    }

    [Fact]
    public void NoSecretEverAppearsInTheSourceOrAMessage()
    {
        var config = Resolve(new() { ["Credential"] = Credential("runbook", "asset-password") }, environment: Openrc);

        Assert.DoesNotContain("asset-password", config.Source + config);
        Assert.DoesNotContain("env-password", config.Source + config);
    }
}
