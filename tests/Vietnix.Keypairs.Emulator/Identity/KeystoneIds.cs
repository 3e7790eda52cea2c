using System.Security.Cryptography;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>Identifiers shaped like Keystone's: uuid4 hex for ids, an opaque fernet-looking token, audit ids.</summary>
internal static class KeystoneIds
{
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static string NewToken() => "gAAAAA" + Base64UrlWithoutPadding(RandomNumberGenerator.GetBytes(48));

    /// <summary>keystone.token.provider.random_urlsafe_str: a uuid4's 16 bytes, urlsafe base64 without the "==".</summary>
    public static string NewAuditId() => Base64UrlWithoutPadding(Guid.NewGuid().ToByteArray());

    private static string Base64UrlWithoutPadding(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
