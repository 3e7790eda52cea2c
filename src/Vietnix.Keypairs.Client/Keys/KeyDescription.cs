using System;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// The vendor's bookkeeping convention: a description kept in the public key's comment after the
/// marker "VSTOR-KEY-DESC:". The comment is never part of the key material, so the fingerprint
/// does not change.
/// </summary>
internal static class KeyDescription
{
    public const string Marker = "VSTOR-KEY-DESC:";

    /// <summary>The description in a stored public key, or null if it has none.</summary>
    public static string? Extract(string? publicKey)
    {
        if (publicKey is null || PublicKeyText.LooksLikeCertificate(publicKey))
        {
            return null;
        }

        var firstLine = publicKey.Split('\n')[0];
        var at = firstLine.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? null : firstLine.Substring(at + Marker.Length).Trim();
    }

    /// <summary>The key with its comment ending in the description (replacing an earlier one).</summary>
    public static ParsedPublicKey Apply(ParsedPublicKey key, string description)
    {
        if (key.Kind != PublicKeyKind.Ssh)
        {
            throw new PublicKeyFormatException("A description can only be stored in the comment of an ssh key; x509 certificates have no comment.");
        }

        var text = description.Trim();
        if (text.Length == 0 || ControlCharacters.IsIn(text))
        {
            throw new PublicKeyFormatException("A description must be one non-empty line of printable text, without control characters such as ESC or NUL.");
        }

        var fields = key.Text.Split([' '], 3);
        var comment = fields.Length > 2 ? fields[2] : string.Empty;
        var markerAt = comment.IndexOf(Marker, StringComparison.Ordinal);
        if (markerAt >= 0)
        {
            comment = comment.Substring(0, markerAt).TrimEnd();
        }

        var newComment = (comment.Length == 0 ? string.Empty : comment + " ") + Marker + text;
        return key.WithComment(newComment);
    }
}
