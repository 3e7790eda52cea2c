namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>A stored key pair: the columns of Nova's <c>key_pairs</c> table (api database).</summary>
internal sealed record KeyPair(
    int Id,
    string UserId,
    string Name,
    string Type,
    string PublicKey,
    string Fingerprint,
    DateTime CreatedAt);
