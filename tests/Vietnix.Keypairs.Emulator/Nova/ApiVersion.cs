using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// A compute API microversion. Parsed with Nova's own rule (APIVersionRequest,
/// <c>^([1-9]\d*)\.([1-9]\d*|0)$</c>), so "2.01", "2" or "v2.1" are malformed; the two parts are unbounded
/// integers as in Python, so "2.99999999999999999999" is well-formed (and then not acceptable).
/// </summary>
internal readonly partial record struct ApiVersion(BigInteger Major, BigInteger Minor) : IComparable<ApiVersion>
{
    public static readonly ApiVersion V2_1 = new(2, 1);
    public static readonly ApiVersion V2_2 = new(2, 2);
    public static readonly ApiVersion V2_10 = new(2, 10);
    public static readonly ApiVersion V2_35 = new(2, 35);
    public static readonly ApiVersion V2_75 = new(2, 75);
    public static readonly ApiVersion V2_92 = new(2, 92);
    public static readonly ApiVersion Zed = new(2, 93);

    public static bool TryParse(string? text, out ApiVersion version)
    {
        var match = text is null ? Match.Empty : Pattern().Match(text);
        version = match.Success
            ? new ApiVersion(
                BigInteger.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                BigInteger.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : default;
        return match.Success;
    }

    public int CompareTo(ApiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion left, ApiVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ApiVersion left, ApiVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ApiVersion left, ApiVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ApiVersion left, ApiVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^([1-9][0-9]*)\.([1-9][0-9]*|0)$")]
    private static partial Regex Pattern();
}
