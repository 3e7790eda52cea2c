using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
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

    /// <summary>
    /// Accepts a certificate the system already trusts, or one whose chain ends in one of
    /// <paramref name="authorities"/>. A name mismatch is never accepted.
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

        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.AddRange(authorities);

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
}
