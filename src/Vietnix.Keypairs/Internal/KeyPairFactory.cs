using System.Security;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Internal;

/// <summary>Turns the client's view of a key pair into the object the cmdlets emit.</summary>
internal static class KeyPairFactory
{
    public static KeyPair From(NovaKeyPair source, string? requestedUserId) =>
        new(source.Name, source.Type == "x509" ? KeyPairType.X509 : KeyPairType.Ssh, source.Fingerprint, source.PublicKey)
        {
            UserId = source.UserId,
            CreatedAt = source.CreatedAt,
            Description = KeyDescription.Extract(source.PublicKey),
            PrivateKey = source.PrivateKey is null ? null : ToSecureString(source.PrivateKey),
            RequestedUserId = requestedUserId,
        };

    private static SecureString ToSecureString(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
