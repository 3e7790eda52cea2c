using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// Nova's server-side key generation (microversions below 2.92). ssh: an RSA-2048 key, the private key
/// as PKCS#1 PEM (<c>-----BEGIN RSA PRIVATE KEY-----</c>, '\n' line ends) and the public key as
/// <c>ssh-rsa BASE64 Generated-by-Nova</c>. x509: Nova's WinRM client certificate (self-signed,
/// CN=user id, clientAuth, UPN user@localhost, 10 years) with the private key as base64 PKCS#12 under
/// an empty password.
/// </summary>
internal sealed class KeyPairGenerator(TimeProvider clock)
{
    private const int Bits = 2048;

    public KeyMaterial SshRsa()
    {
        using var rsa = RSA.Create(Bits);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var blob = new List<byte>();
        AppendString(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        AppendString(blob, Mpint(parameters.Exponent!));
        AppendString(blob, Mpint(parameters.Modulus!));
        var publicKey = $"ssh-rsa {Convert.ToBase64String([.. blob])} Generated-by-Nova";
        var privateKey = rsa.ExportRSAPrivateKeyPem() + "\n";
        return new KeyMaterial(privateKey, publicKey, SshFingerprint.Compute(publicKey).Fingerprint!);
    }

    public KeyMaterial WinRmCertificate(string userId)
    {
        using var rsa = RSA.Create(Bits);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(userId);
        var request = new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        alternativeNames.AddUserPrincipalName(userId + "@localhost");
        request.CertificateExtensions.Add(alternativeNames.Build());

        var now = clock.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now, now.AddDays(3650));
        var pem = certificate.ExportCertificatePem() + "\n";
        var pkcs12 = certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, "");
        return new KeyMaterial(Convert.ToBase64String(pkcs12), pem, X509Fingerprint.Compute(pem).Fingerprint!);
    }

    private static void AppendString(List<byte> blob, byte[] value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
        blob.AddRange(length);
        blob.AddRange(value);
    }

    // SSH mpint: big-endian two's complement, minimal, so a set top bit gets a leading zero byte.
    private static byte[] Mpint(byte[] unsignedBigEndian) =>
        new BigInteger(unsignedBigEndian, isUnsigned: true, isBigEndian: true).ToByteArray(isUnsigned: false, isBigEndian: true);
}
