using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>The innermost handler, shared by the Nova and Keystone clients: TLS trust and redirects.</summary>
internal static class NetworkHandler
{
    public static HttpMessageHandler Create(ServiceClientOptions options)
    {
        var handler = new HttpClientHandler
        {
            // A redirect would carry X-Auth-Token to wherever it points; OpenStack APIs do not redirect.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        if (options.SkipCertificateCheck)
        {
            handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        }
        else if (options.CertificateAuthorities is { Count: > 0 } authorities)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, authorities);
        }

        return handler;
    }

    // id-kp-serverAuth (RFC 5280 4.2.1.12).
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// Accepts a certificate the system already trusts, or one whose chain ends in one of
    /// <paramref name="authorities"/> and that is made for TLS servers (its extended key usage
    /// names serverAuth): a private CA's client or code-signing certificate is not a server's.
    /// A name mismatch is never accepted.
    /// </summary>
    internal static bool IsTrusted(X509Certificate2? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        if (!IsForServers(certificate))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.AddRange(authorities);

        // Every certificate of the chain that restricts its usage must allow server authentication.
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));

        // Private CAs seldom publish revocation lists; the root is checked against the given CAs below.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        if (!chain.Build(certificate))
        {
            return false;
        }

        var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        return authorities.Cast<X509Certificate2>().Any(authority => authority.Thumbprint == root.Thumbprint);
    }

    // The chain policy alone lets a certificate without any extended key usage pass (it means "any
    // use" there); a server certificate from a private CA must say it is one.
    private static bool IsForServers(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(usage => usage.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == ServerAuthentication));
}
