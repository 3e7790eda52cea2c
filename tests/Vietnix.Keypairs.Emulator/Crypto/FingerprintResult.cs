namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// A fingerprint in Nova's notation (lower-case hex byte pairs joined by ':'), or the reason Nova
/// gives after "Keypair data is invalid: " when it cannot compute one.
/// </summary>
internal sealed record FingerprintResult(string? Fingerprint, string? Problem)
{
    public static FingerprintResult Of(byte[] digest) =>
        new(string.Join(':', digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))), null);

    public static FingerprintResult Invalid(string problem) => new(null, problem);
}
