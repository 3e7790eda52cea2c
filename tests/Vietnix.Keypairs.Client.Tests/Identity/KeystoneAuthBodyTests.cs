using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Tests.Infrastructure;
using static Vietnix.Keypairs.Client.Tests.Identity.KeystoneFakes;

namespace Vietnix.Keypairs.Client.Tests.Identity;

/// <summary>The request bodies against the shapes of Keystone's api-ref samples.</summary>
public class KeystoneAuthBodyTests
{
    [Fact]
    public void PasswordByUserIdScopedByProjectId_IsKeystonesProjectIdPasswordShape()
    {
        var body = KeystoneAuthBody.Write(new PasswordCredential(UserReference.WithId("ee4d"), Secure("devstacker")), ProjectScope.WithId("a694"));

        JsonAssert.Equivalent(
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"ee4d","password":"devstacker"}}},"scope":{"project":{"id":"a694"}}}}""",
            System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void PasswordByUserNameScopedByProjectName_CarriesBothDomains()
    {
        var credential = new PasswordCredential(UserReference.WithName("admin", DomainReference.WithName("Default")), Secure("pw"));

        var body = KeystoneAuthBody.Write(credential, ProjectScope.WithName("admin", DomainReference.WithId("default")));

        JsonAssert.Equivalent(
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"pw"}}},"scope":{"project":{"name":"admin","domain":{"id":"default"}}}}}""",
            System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void ApplicationCredentialById_NeverSendsAScopeEvenWhenOneIsGiven()
    {
        var body = KeystoneAuthBody.Write(ApplicationCredential.WithId("423f", Secure("rEaq")), ProjectScope.WithId("ignored"));

        JsonAssert.Equivalent(
            """{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"id":"423f","secret":"rEaq"}}}}""",
            System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void ApplicationCredentialByName_NamesItsUser()
    {
        var body = KeystoneAuthBody.Write(ApplicationCredential.WithName("monitoring", UserReference.WithId("423f"), Secure("rEaq")), null);

        JsonAssert.Equivalent(
            """{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"name":"monitoring","secret":"rEaq","user":{"id":"423f"}}}}}""",
            System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void TokenRescopedToAProject_IsKeystonesTokenScopedShape()
    {
        var body = KeystoneAuthBody.Write(new TokenCredential(Secure("gAAAAAold")), ProjectScope.WithId("5b50"));

        JsonAssert.Equivalent(
            """{"auth":{"identity":{"methods":["token"],"token":{"id":"gAAAAAold"}},"scope":{"project":{"id":"5b50"}}}}""",
            System.Text.Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("https://k.example:5000/v3", "https://k.example:5000/v3/auth/tokens")]
    [InlineData("https://k.example:5000/v3/", "https://k.example:5000/v3/auth/tokens")]
    [InlineData("https://k.example:5000", "https://k.example:5000/v3/auth/tokens")]
    [InlineData("https://k.example/identity/v3", "https://k.example/identity/v3/auth/tokens")]
    [InlineData("https://k.example/identity", "https://k.example/identity/v3/auth/tokens")]
    public void TheTokensUrlFollowsTheAuthUrlWithOrWithoutTheVersion(string authUrl, string tokensUrl)
    {
        Assert.Equal(tokensUrl, new KeystoneClientOptions(new System.Uri(authUrl)).TokensUrl.AbsoluteUri);
    }

    [Fact]
    public void AKeystoneV2AuthUrlIsRefusedWithTheFix()
    {
        var settings = new Vietnix.Keypairs.Client.Configuration.CloudConfig { AuthUrl = "https://k.example:5000/v2.0", Username = "u", Password = Secure(Password), Source = "test" };

        var exception = Assert.Throws<VietnixSignInException>(() => SignInReader.Read(settings));

        Assert.Equal((SignInProblem.Incomplete, SignInSetting.AuthUrl), (exception.Problem, exception.Setting));
        Assert.Contains("v3", exception.Message);
    }

    [Theory]
    [InlineData("https://api.vietnix.cloud:8774/v2.1")]
    [InlineData("https://api.vietnix.cloud:8774/v2.1/")]
    [InlineData("https://api.vietnix.cloud/compute/v2.1/5b50a8e0c0a94a0e9c2b2d4b1f3c6e7d")]
    [InlineData("https://api.vietnix.cloud/v2/5b50a8e0c0a94a0e9c2b2d4b1f3c6e7d")]
    [InlineData("https://api.vietnix.cloud:8774/")]
    public void ANovaUrlGivenAsTheAuthUrlIsRecognisedAndRefusedWithTheHint(string authUrl)
    {
        var settings = new Vietnix.Keypairs.Client.Configuration.CloudConfig { AuthUrl = authUrl, Username = "u", Password = Secure(Password), Source = "test" };

        var exception = Assert.Throws<VietnixSignInException>(() => SignInReader.Read(settings));

        Assert.Equal((SignInProblem.Incomplete, SignInSetting.AuthUrl), (exception.Problem, exception.Setting));
        Assert.Contains("this is a compute endpoint; the auth URL is Keystone's, usually :5000/v3", exception.Message);
    }

    [Theory]
    [InlineData("https://api.vietnix.cloud:5000/v3")]
    [InlineData("https://api.vietnix.cloud/identity/v3/")]
    [InlineData("https://api.vietnix.cloud:5000")]
    public void AKeystoneUrlIsNotMistakenForNovas(string authUrl)
    {
        var settings = new Vietnix.Keypairs.Client.Configuration.CloudConfig { AuthUrl = authUrl, Username = "u", Password = Secure(Password), Source = "test", ProjectName = "p" };

        var description = SignInReader.Read(settings);

        Assert.NotNull(description);
    }
}
