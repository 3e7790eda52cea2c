using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Internal;

/// <summary>Turns the client's view of a key pair into the object the cmdlets emit.</summary>
internal static class KeyPairFactory
{
    public static KeyPair From(NovaKeyPair source, string? requestedUserId)
    {
        var key = TryParse(source.PublicKey);
        return new KeyPair(source.Name, source.Type == "x509" ? KeyPairType.X509 : KeyPairType.Ssh, source.Fingerprint, source.PublicKey)
        {
            Sha256Fingerprint = key?.Sha256Fingerprint,
            Algorithm = key?.KeyAlgorithm,
            KeySize = key?.KeySize,
            UserId = source.UserId,
            CreatedAt = source.CreatedAt,
            Description = KeyDescription.Extract(source.PublicKey),
            PrivateKey = ReadOnlySecret.From(source.PrivateKey),
            RequestedUserId = requestedUserId,
        };
    }

    // A stored key this module cannot read (a type newer than it knows) still lists; it only
    // lacks the derived properties.
    private static ParsedPublicKey? TryParse(string publicKey)
    {
        try
        {
            return PublicKeyText.ParseSingle(publicKey);
        }
        catch (PublicKeyFormatException)
        {
            return null;
        }
    }
}
