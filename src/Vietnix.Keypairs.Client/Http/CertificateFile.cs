using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>Reads a CA bundle (OS_CACERT): one or more PEM certificates, or a single DER one.</summary>
internal static class CertificateFile
{
    private static readonly Regex PemCertificate = new(
        "-----BEGIN CERTIFICATE-----(?<body>[A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----",
        RegexOptions.CultureInvariant);

    public static X509Certificate2Collection Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read the CA certificate file '{path}': {exception.Message}", exception);
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            foreach (Match match in PemCertificate.Matches(text))
            {
                certificates.Add(new X509Certificate2(Convert.FromBase64String(Regex.Replace(match.Groups["body"].Value, "\\s", string.Empty))));
            }

            if (certificates.Count == 0)
            {
                certificates.Add(new X509Certificate2(bytes));
            }
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            throw new IOException($"The CA certificate file '{path}' holds no readable certificate: {exception.Message}", exception);
        }

        return certificates;
    }
}
