using System.Security.Cryptography;
using System.Text;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// Nova's SSH fingerprint (crypto.generate_fingerprint): once the line loads, the MD5 of
/// <c>base64.b64decode(public_key.split(' ')[1])</c>. The split is on a single space, so two spaces
/// after the type fingerprint the empty string and a tab-separated line fingerprints (or fails on)
/// the comment, exactly as Nova does.
/// </summary>
internal static class SshFingerprint
{
    private const string Problem = "failed to generate fingerprint";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static FingerprintResult Compute(string publicKey)
    {
        byte[] line;
        try
        {
            line = StrictUtf8.GetBytes(publicKey);
        }
        catch (EncoderFallbackException)
        {
            return FingerprintResult.Invalid(Problem);
        }

        var fields = publicKey.Split(' ');
        if (!SshPublicKeyValidator.CanLoad(line) || fields.Length < 2 || !PythonBase64.TryDecodeText(fields[1], out var blob))
        {
            return FingerprintResult.Invalid(Problem);
        }

        return FingerprintResult.Of(MD5.HashData(blob));
    }
}
