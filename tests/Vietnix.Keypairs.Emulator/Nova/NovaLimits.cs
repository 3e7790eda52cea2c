namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// The deployment settings of the emulated Nova that tests may change: the microversion range
/// (Zed: 2.1–2.93), <c>[api] max_limit</c> (page size cap, default 1000) and <c>[quota] key_pairs</c>
/// (per user, default 100, -1 for unlimited).
/// </summary>
internal sealed record NovaLimits(ApiVersion MinVersion, ApiVersion MaxVersion, int MaxLimit, int Quota)
{
    public static readonly NovaLimits ZedDefaults = new(ApiVersion.V2_1, ApiVersion.Zed, 1000, 100);

    /// <summary>Why these settings cannot be used, or null when they can.</summary>
    public string? Problem() =>
        MinVersion < ApiVersion.V2_1 ? "The minimum version must be 2.1 or later (2.0 is the legacy v2 API)."
        : MinVersion > MaxVersion ? "The minimum version must not be above the maximum version."
        : MaxLimit < 0 ? "The page size limit must be 0 or more."
        : Quota < -1 ? "The key pair quota must be -1 (unlimited) or more."
        : null;

    /// <summary>Nova's quota check before a create or import: owned + 1 must not exceed the limit.</summary>
    public bool QuotaAllowsAnotherKeyPair(int owned) => Quota < 0 || owned + 1 <= Quota;
}
