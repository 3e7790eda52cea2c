using System.Security;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>Turns secrets into read-only SecureStrings, so no holder of a CloudConfig can change or clear them.</summary>
internal static class ReadOnlySecret
{
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

    // A copy, because the caller may dispose or change its own instance after handing it over.
    public static SecureString? Copy(SecureString? secret)
    {
        if (secret is null || secret.Length == 0)
        {
            return null;
        }

        var copy = secret.Copy();
        copy.MakeReadOnly();
        return copy;
    }
}
