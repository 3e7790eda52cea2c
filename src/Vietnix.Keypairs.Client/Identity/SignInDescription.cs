using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Retries;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>
/// How one session's HTTP clients behave, apart from TLS trust: how they name themselves, how long
/// one attempt may take, and the retry policy, whose budget the session's clients share.
/// </summary>
internal sealed class ClientSettings(string userAgent, TimeSpan timeout, RetryPolicy retries)
{
    public string UserAgent { get; } = userAgent;

    public TimeSpan Timeout { get; } = timeout;

    public RetryPolicy Retries { get; } = retries;
}

/// <summary>How the client reaches the servers of one sign-in: TLS trust.</summary>
internal sealed class TransportSettings
{
    /// <summary>Accept any TLS certificate. Only for test clouds with self-signed certificates.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>Certificate authorities trusted in addition to the system's; null when checks are off.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }
}

/// <summary>
/// One resolved, immutable sign-in: everything checked, nothing left to guess. It is either a
/// <see cref="KeystoneSignIn"/> (a credential exchanged at Keystone for a token, the compute
/// endpoint from the catalog) or a <see cref="DirectTokenSignIn"/> (a token used as it is against a
/// known endpoint). <see cref="SignInReader"/> makes one from merged settings; <see cref="OpenAsync"/>
/// signs in, as gophercloud's AuthenticatedClient and NewComputeV2 do.
/// </summary>
internal abstract class SignInDescription
{
    private protected SignInDescription(string source, ApiVersionRequest apiVersion, TransportSettings transport, IReadOnlyList<string> notes)
    {
        Source = source;
        ApiVersion = apiVersion;
        Transport = transport;
        Notes = notes;
    }

    /// <summary>Where the settings came from, for messages; never a secret.</summary>
    public string Source { get; }

    public ApiVersionRequest ApiVersion { get; }

    public TransportSettings Transport { get; }

    /// <summary>Settings that were given but do not apply, for -Verbose.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The servers known before anything is sent, so that warnings about them can come first.</summary>
    public abstract IReadOnlyList<Uri> KnownServers { get; }

    /// <summary>Signs in (when there is anything to sign in with) and builds the compute session.</summary>
    public abstract Task<ComputeSession> OpenAsync(ClientSettings settings, IRequestLog log, CancellationToken cancellationToken);

    /// <summary>
    /// A compute session for one command that keeps <paramref name="parent"/>'s sign-in (its renewing
    /// token) but reaches this description's endpoint, region or microversion.
    /// </summary>
    public abstract ComputeSession Derive(ComputeSession parent, ClientSettings settings, IRequestLog log);

    private protected ComputeServiceOptions ComputeOptions(Uri endpoint, ClientSettings settings) =>
        new(endpoint)
        {
            ApiVersion = ApiVersion,
            SkipCertificateCheck = Transport.SkipCertificateCheck,
            CertificateAuthorities = Transport.CertificateAuthorities,
            UserAgent = settings.UserAgent,
            Timeout = settings.Timeout,
            Retries = settings.Retries,
        };
}

/// <summary>A credential exchanged at Keystone for a project-scoped token; the compute endpoint comes from the catalog unless given.</summary>
internal sealed class KeystoneSignIn : SignInDescription
{
    internal KeystoneSignIn(
        string source, ApiVersionRequest apiVersion, TransportSettings transport, IReadOnlyList<string> notes,
        Uri authUrl, KeystoneCredential credential, ProjectScope? scope, Uri? endpointOverride, string? region, string? @interface)
        : base(source, apiVersion, transport, notes)
    {
        AuthUrl = authUrl;
        Credential = credential;
        Scope = credential.AcceptsScope ? scope : null;
        EndpointOverride = endpointOverride;
        Region = region;
        Interface = @interface;
    }

    public Uri AuthUrl { get; }

    public KeystoneCredential Credential { get; }

    /// <summary>The project to scope to; null for the user's default project, or for an application credential.</summary>
    public ProjectScope? Scope { get; }

    /// <summary>A compute endpoint that wins over the catalog's.</summary>
    public Uri? EndpointOverride { get; }

    public string? Region { get; }

    public string? Interface { get; }

    public override IReadOnlyList<Uri> KnownServers => EndpointOverride is null ? [AuthUrl] : [AuthUrl, EndpointOverride];

    public override async Task<ComputeSession> OpenAsync(ClientSettings settings, IRequestLog log, CancellationToken cancellationToken)
    {
        var keystone = KeystoneClientFactory.Create(
            new KeystoneClientOptions(AuthUrl)
            {
                SkipCertificateCheck = Transport.SkipCertificateCheck,
                CertificateAuthorities = Transport.CertificateAuthorities,
                UserAgent = settings.UserAgent,
                Timeout = settings.Timeout,
                Retries = settings.Retries,
            },
            log);
        var tokens = new KeystoneTokenProvider(keystone, Credential, Scope);
        try
        {
            var token = await tokens.SignInAsync(cancellationToken).ConfigureAwait(false);
            if (token.ProjectId is null)
            {
                throw VietnixSignInException.Incomplete(SignInSetting.Project,
                    $"Keystone signed in {Credential.Describe()} without a project, and key pairs need a project-scoped token. Name a project.");
            }

            var fromCatalog = EndpointOverride is null ? token.Catalog.SelectCompute(Interface, Region) : null;
            var endpoint = EndpointOverride ?? new Uri(fromCatalog!.Url);
            var service = ComputeServiceFactory.Create(ComputeOptions(endpoint, settings), tokens, log);
            return new ComputeSession(this, service, tokens, fromCatalog, AuthUrl, ownsKeystone: true);
        }
        catch
        {
            // A token obtained for a session that will not be used is revoked, so no copy of it works.
            await ComputeSession.RevokeQuietlyAsync(tokens).ConfigureAwait(false);
            keystone.Dispose();
            throw;
        }
    }

    public override ComputeSession Derive(ComputeSession parent, ClientSettings settings, IRequestLog log)
    {
        if (parent.Keystone is not { } tokens)
        {
            throw new InvalidOperationException("Only a session signed in at Keystone can lend its sign-in to a Keystone sign-in.");
        }

        // The catalog is read again only when another region or interface is asked for.
        var sameChoice = parent.SignIn is KeystoneSignIn signedIn && signedIn.Region == Region && signedIn.Interface == Interface;
        var fromCatalog = EndpointOverride is not null ? null
            : sameChoice ? parent.CatalogEndpoint
            : tokens.Current is { } token ? token.Catalog.SelectCompute(Interface, Region)
            : parent.CatalogEndpoint;
        var endpoint = EndpointOverride ?? (fromCatalog is null ? parent.Service.Endpoint : new Uri(fromCatalog.Url));
        var service = ComputeServiceFactory.Create(ComputeOptions(endpoint, settings), tokens, log);
        return new ComputeSession(this, service, tokens, fromCatalog, parent.AuthUrl, ownsKeystone: false);
    }
}

/// <summary>A token used as it is against a known compute endpoint; nothing is sent to Keystone.</summary>
internal sealed class DirectTokenSignIn : SignInDescription
{
    internal DirectTokenSignIn(string source, ApiVersionRequest apiVersion, TransportSettings transport, IReadOnlyList<string> notes, SecureString token, Uri endpoint)
        : base(source, apiVersion, transport, notes)
    {
        Token = ReadOnlySecret.Require(token, nameof(token));
        Endpoint = endpoint;
    }

    internal SecureString Token { get; }

    public Uri Endpoint { get; }

    public override IReadOnlyList<Uri> KnownServers => [Endpoint];

    public override Task<ComputeSession> OpenAsync(ClientSettings settings, IRequestLog log, CancellationToken cancellationToken) =>
        Task.FromResult(Open(settings, log, authUrl: null));

    public override ComputeSession Derive(ComputeSession parent, ClientSettings settings, IRequestLog log) =>
        Open(settings, log, parent.AuthUrl);

    private ComputeSession Open(ClientSettings settings, IRequestLog log, Uri? authUrl) =>
        new(this, ComputeServiceFactory.Create(ComputeOptions(Endpoint, settings), new StaticTokenProvider(Token), log), null, null, authUrl, ownsKeystone: false);
}
