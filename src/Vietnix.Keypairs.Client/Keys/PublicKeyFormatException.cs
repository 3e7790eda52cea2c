using System;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>The text is not a public key Nova could accept; the message says what it is instead.</summary>
public sealed class PublicKeyFormatException(string message) : FormatException(message);
