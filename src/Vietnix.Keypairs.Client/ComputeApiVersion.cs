using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Vietnix.Keypairs.Client;

/// <summary>A Nova compute microversion such as 2.72.</summary>
internal readonly struct ComputeApiVersion : IEquatable<ComputeApiVersion>, IComparable<ComputeApiVersion>
{
    public ComputeApiVersion(int major, int minor)
    {
        if (major < 0 || minor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(major), "Microversion parts cannot be negative.");
        }

        Major = major;
        Minor = minor;
    }

    public int Major { get; }

    public int Minor { get; }

    /// <summary>The version a Nova without any version header assumes, and the oldest v2.1 version.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "V2_1 reads as the microversion 2.1, as OpenStack names it.")]
    public static ComputeApiVersion V2_1 { get; } = new(2, 1);

    /// <summary>The version the vendor's own samples send.</summary>
    public static ComputeApiVersion Default { get; } = new(2, 72);

    public static bool TryParse(string? text, out ComputeApiVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text!.Trim().Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new ComputeApiVersion(major, minor);
        return true;
    }

    public static ComputeApiVersion Parse(string text) =>
        TryParse(text, out var version)
            ? version
            : throw new FormatException($"'{text}' is not a compute microversion; use the form 2.72.");

    public int CompareTo(ComputeApiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public bool Equals(ComputeApiVersion other) => Major == other.Major && Minor == other.Minor;

    public override bool Equals(object? obj) => obj is ComputeApiVersion other && Equals(other);

    public override int GetHashCode() => (Major * 1000) + Minor;

    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);

    public static bool operator ==(ComputeApiVersion left, ComputeApiVersion right) => left.Equals(right);

    public static bool operator !=(ComputeApiVersion left, ComputeApiVersion right) => !left.Equals(right);

    public static bool operator <(ComputeApiVersion left, ComputeApiVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ComputeApiVersion left, ComputeApiVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ComputeApiVersion left, ComputeApiVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ComputeApiVersion left, ComputeApiVersion right) => left.CompareTo(right) >= 0;
}
