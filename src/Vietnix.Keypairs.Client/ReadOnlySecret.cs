using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Vietnix.Keypairs.Client;

/// <summary>
/// Every way a secret (password, token, application credential secret, private key) is held: as a
/// read-only SecureString, so no holder can change or clear another's copy, and no view or JSON
/// conversion shows it by accident.
/// </summary>
internal static class ReadOnlySecret
{
    /// <summary>The text as a read-only SecureString; null for null or empty text.</summary>
    public static SecureString? From(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return null;
        }

        var secret = new SecureString();
        foreach (var character in text)
        {
            secret.AppendChar(character);
        }

        secret.MakeReadOnly();
        return secret;
    }

    /// <summary>ASCII bytes (a private key file) as a read-only SecureString, without a string ever holding them.</summary>
    public static SecureString FromAscii(byte[] asciiText)
    {
        var secret = new SecureString();
        foreach (var value in asciiText)
        {
            secret.AppendChar((char)value);
        }

        secret.MakeReadOnly();
        return secret;
    }

    /// <summary>A read-only copy (the caller may dispose or change its own instance after handing it over); null for null or empty.</summary>
    public static SecureString? Copy(SecureString? secret) => secret is null || secret.Length == 0 ? null : ReadOnly(secret.Copy());

    /// <summary>A read-only copy of a secret that must be there; <paramref name="what"/> names it in the error.</summary>
    public static SecureString Require(SecureString? secret, string what) =>
        Copy(secret) ?? throw new ArgumentException($"The {what} is empty.", what);

    /// <summary>
    /// The plain text, for the moment it is written into a request. A managed string cannot be
    /// cleared, so callers keep it no longer than that.
    /// </summary>
    internal static string Reveal(SecureString secret)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            return Marshal.PtrToStringUni(pointer, secret.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    private static SecureString ReadOnly(SecureString secret)
    {
        secret.MakeReadOnly();
        return secret;
    }
}
