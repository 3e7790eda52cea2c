namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>The key parts of a new key pair; <see cref="PrivateKey"/> only when Nova generated the pair.</summary>
internal sealed record KeyMaterial(string? PrivateKey, string PublicKey, string Fingerprint);
