using System.Security.Cryptography;
using System.Text;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// Nova's x509 fingerprint (crypto.generate_x509_fingerprint): the SHA-1 of the certificate's DER, after
/// pyca/cryptography 38's <c>load_pem_x509_certificate</c> accepted the text. Its error text is what
/// Nova appends to "failed to generate X509 fingerprint. Error message: ".
/// </summary>
internal static class X509Fingerprint
{
    private const string Problem = "failed to generate X509 fingerprint. Error message: ";
    private const string PemProblem = "Unable to load PEM file. See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details. ";

    public static FingerprintResult Compute(string pem)
    {
        if (!PemSections.TryParseMany(Encoding.UTF8.GetBytes(pem), out var sections, out var pemError))
        {
            return FingerprintResult.Invalid(Problem + PemProblem + pemError);
        }

        if (sections.Count == 0)
        {
            return FingerprintResult.Invalid(Problem + PemProblem + "MalformedFraming");
        }

        // Both labels OpenSSL accepts; other blocks before the certificate are skipped.
        var certificate = sections.Find(section => section.Tag is "CERTIFICATE" or "X509 CERTIFICATE");
        if (certificate is null)
        {
            return FingerprintResult.Invalid(Problem + "Valid PEM but no BEGIN CERTIFICATE/END CERTIFICATE delimiters. Are you sure this is a certificate?");
        }

        return DerCertificateCheck.FirstProblem(certificate.Contents) is { } asn1Problem
            ? FingerprintResult.Invalid(Problem + "error parsing asn1 value: " + asn1Problem)
            : FingerprintResult.Of(SHA1.HashData(certificate.Contents));
    }
}
