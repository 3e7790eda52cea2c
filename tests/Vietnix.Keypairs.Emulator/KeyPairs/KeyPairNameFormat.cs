using System.Globalization;
using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator.KeyPairs;

/// <summary>
/// The two format checks of Nova's key pair name schema (parameter_types.keypair_name_special_chars):
/// first the generic <c>name</c> format (printable, no whitespace at either end), then the key pair
/// character set, which gains '@' and '.' from 2.92 (validators._validate_keypair_name).
/// </summary>
internal static class KeyPairNameFormat
{
    public const string PrintableReason = "printable characters. Can not start or end with whitespace.";

    private const string Digits = "0123456789";
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The allowed characters, in the order Nova lists them in its message.</summary>
    public static string SafeCharacters(ApiVersion version) =>
        (version >= ApiVersion.V2_92 ? "@._- " : "_- ") + Digits + Letters;

    public static bool HasOnlySafeCharacters(string name, ApiVersion version)
    {
        var safe = SafeCharacters(version);
        return name.All(c => safe.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>
    /// Nova's <c>valid_name_regex</c>, <c>^(?![ws/other])[printable]*(?&lt;![ws/other])$</c>, searched with
    /// Python's <c>re</c>: <c>$</c> may also match just before a final newline.
    /// </summary>
    public static bool IsPrintableName(string name)
    {
        if (name.Length > 0 && IsWhitespaceOrOther(name[0]))
        {
            return false;
        }

        return Matches(name) || (name.EndsWith('\n') && Matches(name[..^1]));

        static bool Matches(string text) =>
            text.All(IsPrintable) && (text.Length == 0 || !IsWhitespaceOrOther(text[^1]));
    }

    // The regex ranges cover U+0000–U+FFFE only, so a character outside them is neither printable nor
    // "whitespace or other"; in UTF-16 such a character is a surrogate pair, and surrogates are "other".
    private static bool IsPrintable(char c) =>
        c != '\uFFFF' && !IsOther(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static bool IsWhitespaceOrOther(char c) =>
        c != '\uFFFF' && (IsOther(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static bool IsOther(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned;
}
