using System;
using System.Net.Http;
using System.Security;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>Builds the real client pipeline (IHttpClientFactory, logging and token handlers) over a fake network.</summary>
internal static class TestClient
{
    public const string ProjectId = "6f70656e737461636b20342065766572";

    public const string EndpointUrl = "https://api.vietnix.cloud:8774/v2.1/" + ProjectId;

    public const string VersionRootUrl = "https://api.vietnix.cloud:8774/v2.1/";

    public const string KeyPairsUrl = EndpointUrl + "/os-keypairs";

    /// <summary>Looks like a Keystone fernet token; tests check it never shows up in logs or messages.</summary>
    public const string Token = "gAAAAABtestTOKEN-7f3c9e1d4b2a-must-never-be-logged";

    public static RetryPolicy NoRetries => new(new RetrySettings { MaxRetries = 0 });

    public static IComputeService Create(
        HttpMessageHandler network,
        string version = "2.72",
        ITokenProvider? tokens = null,
        IRequestLog? log = null,
        TimeSpan? timeout = null,
        RetryPolicy? retries = null)
    {
        if (!ApiVersionRequest.TryParse(version, out var requested))
        {
            throw new ArgumentException($"'{version}' is not a microversion request.", nameof(version));
        }

        var options = new ComputeServiceOptions(new Uri(EndpointUrl))
        {
            ApiVersion = requested,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),

            // Retries are off unless a test is about them, so a scripted failure is seen once.
            Retries = retries ?? NoRetries,
        };
        return ComputeServiceFactory.Create(options, tokens ?? StaticToken(), log, () => network);
    }

    public static StaticTokenProvider StaticToken(string token = Token)
    {
        using var secure = new SecureString();
        foreach (var c in token)
        {
            secure.AppendChar(c);
        }

        return new StaticTokenProvider(secure);
    }
}
