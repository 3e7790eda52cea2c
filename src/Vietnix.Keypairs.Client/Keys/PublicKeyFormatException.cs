using System;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>The text is not a public key Nova could accept; the message says what it is instead.</summary>
public sealed class PublicKeyFormatException : FormatException
{
    public PublicKeyFormatException(string message)
        : base(message)
    {
    }

    internal PublicKeyFormatException(string message, int keyCount)
        : base(message)
    {
        KeyCount = keyCount;
    }

    /// <summary>How many keys the input held where one was wanted; null when the problem is another.</summary>
    public int? KeyCount { get; }
}
