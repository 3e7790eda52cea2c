using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Turns a configuration into a working session: signs in to Keystone when there is a credential
/// (then the compute endpoint comes from the catalog), or uses a given token directly.
/// </summary>
internal static class SessionOpener
{
    public static async Task<VietnixSession> OpenAsync(CloudConfig config, SignInPlan plan, ConnectionTuning tuning, string userAgent, PipelineRequestLog log, CancellationToken cancellationToken)
    {
        var authorities = Authorities(plan);
        var retries = tuning.CreatePolicy(Environment.GetEnvironmentVariable);
        if (plan.Credential is null)
        {
            var endpoint = plan.EndpointOverride
                ?? (plan.ProjectId is { } projectId ? KeyPairClientOptions.VietnixEndpointFor(projectId) : null)
                ?? throw new VietnixSignInException(SignInProblem.Incomplete,
                    "A token alone does not say where the compute API is: pass -Endpoint or -ProjectId, or -AuthUrl to read the endpoint from Keystone's catalog.");
            var client = KeyPairClientFactory.Create(ComputeOptions(endpoint, plan, authorities, userAgent, tuning, retries), new StaticTokenProvider(plan.DirectToken!), log);
            return new VietnixSession(config, client, log) { Tuning = tuning, Retries = retries };
        }

        var keystone = KeystoneClientFactory.Create(
            new KeystoneClientOptions(plan.AuthUrl!) { SkipCertificateCheck = plan.SkipCertificateCheck, CertificateAuthorities = authorities, UserAgent = userAgent, Timeout = tuning.Timeout, Retries = retries },
            log);
        try
        {
            var tokens = new KeystoneTokenProvider(keystone, plan.Credential, plan.Scope);
            var token = await tokens.SignInAsync(cancellationToken).ConfigureAwait(false);
            if (token.ProjectId is null)
            {
                await tokens.RevokeAsync(cancellationToken).ConfigureAwait(false);
                throw new VietnixSignInException(SignInProblem.Incomplete,
                    $"Keystone signed in {plan.Credential.Describe()} without a project, and key pairs need a project-scoped token. Name one with -ProjectName or -ProjectId (OS_PROJECT_NAME, OS_PROJECT_ID).");
            }

            var fromCatalog = plan.EndpointOverride is null ? token.Catalog.SelectCompute(plan.Interface, plan.Region) : null;
            var endpoint = plan.EndpointOverride ?? new Uri(fromCatalog!.Url);
            var client = KeyPairClientFactory.Create(ComputeOptions(endpoint, plan, authorities, userAgent, tuning, retries), tokens, log);
            return new VietnixSession(config, client, log, tokens, fromCatalog) { AuthUrl = plan.AuthUrl, Tuning = tuning, Retries = retries };
        }
        catch
        {
            keystone.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A session for one command that keeps the runspace session's sign-in (its renewing token)
    /// but reaches another endpoint, region or microversion.
    /// </summary>
    public static VietnixSession Derive(VietnixSession session, CloudConfig config, SignInPlan plan, ConnectionTuning commandTuning, string userAgent)
    {
        // The same settings share the session's retry budget; a command's own settings get a budget of its own.
        var tuning = commandTuning.Over(session.Tuning);
        var retries = commandTuning.IsEmpty ? session.Retries : tuning.CreatePolicy(Environment.GetEnvironmentVariable);
        var fromCatalog = plan.EndpointOverride is null && session.Keystone?.Current is { } token
            && (plan.Region != session.Config.RegionName || plan.Interface != session.Config.Interface)
                ? token.Catalog.SelectCompute(plan.Interface, plan.Region)
                : plan.EndpointOverride is null ? session.CatalogEndpoint : null;
        var endpoint = plan.EndpointOverride ?? (fromCatalog is null ? session.Client.Endpoint : new Uri(fromCatalog.Url));
        var log = new PipelineRequestLog();
        var tokens = (ITokenProvider?)session.Keystone ?? new StaticTokenProvider(plan.DirectToken!);
        var client = KeyPairClientFactory.Create(ComputeOptions(endpoint, plan, Authorities(plan), userAgent, tuning, retries), tokens, log);
        return new VietnixSession(config, client, log, catalogEndpoint: fromCatalog) { AuthUrl = session.AuthUrl, Tuning = tuning, Retries = retries };
    }

    // A CA file is ignored when certificate checks are off, as openstacksdk ignores cacert with verify: false.
    private static X509Certificate2Collection? Authorities(SignInPlan plan)
    {
        if (plan.SkipCertificateCheck || plan.CaCertificateFile is null)
        {
            return null;
        }

        try
        {
            return CertificateFile.Load(plan.CaCertificateFile);
        }
        catch (System.IO.IOException exception)
        {
            throw new VietnixSignInException(SignInProblem.Incomplete, exception.Message + " Give a PEM file of the CA's certificate with -CACertificatePath (OS_CACERT).", exception);
        }
    }

    private static KeyPairClientOptions ComputeOptions(Uri endpoint, SignInPlan plan, X509Certificate2Collection? authorities, string userAgent, ConnectionTuning tuning, RetryPolicy retries) =>
        new(endpoint)
        {
            ApiVersion = plan.ApiVersion,
            SkipCertificateCheck = plan.SkipCertificateCheck,
            CertificateAuthorities = authorities,
            UserAgent = userAgent,
            Timeout = tuning.Timeout,
            Retries = retries,
        };
}
