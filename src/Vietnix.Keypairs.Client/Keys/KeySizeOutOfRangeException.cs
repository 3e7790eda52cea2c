using System;
using System.Collections.Generic;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// A key size the algorithm does not allow, as data: the algorithm, the size asked for, the sizes it
/// allows and the one used when none is given. The message states the rule; the caller says how the
/// user gives another size.
/// </summary>
public sealed class KeySizeOutOfRangeException : ArgumentOutOfRangeException
{
    internal KeySizeOutOfRangeException(SshKeyAlgorithm algorithm, int keySize, int defaultKeySize, int minimumKeySize, int maximumKeySize, IReadOnlyList<int>? allowedKeySizes, string message)
        : base(null, message)
    {
        Algorithm = algorithm;
        KeySize = keySize;
        DefaultKeySize = defaultKeySize;
        MinimumKeySize = minimumKeySize;
        MaximumKeySize = maximumKeySize;
        AllowedKeySizes = allowedKeySizes;
    }

    public SshKeyAlgorithm Algorithm { get; }

    /// <summary>The size asked for, in bits.</summary>
    public int KeySize { get; }

    /// <summary>The size used when none is given.</summary>
    public int DefaultKeySize { get; }

    public int MinimumKeySize { get; }

    public int MaximumKeySize { get; }

    /// <summary>The only sizes allowed between the minimum and the maximum, or null when any size between them is.</summary>
    public IReadOnlyList<int>? AllowedKeySizes { get; }

    /// <summary>True when the algorithm has one size only, so there is no other to choose.</summary>
    public bool HasOneSize => MinimumKeySize == MaximumKeySize;
}
