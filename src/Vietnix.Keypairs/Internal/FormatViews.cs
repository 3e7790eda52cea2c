using System.Management.Automation;

namespace Vietnix.Keypairs.Internal;

/// <summary>Chooses among the table views of Vietnix.Keypairs.Format.ps1xml for one object.</summary>
internal static class FormatViews
{
    /// <summary>
    /// The object with a type name of its own ahead of its class's (Vietnix.Keypairs.PublicKeyInfo#X509),
    /// so the format file can show it with another table view.
    /// </summary>
    public static PSObject WithViewOf(object value, string view)
    {
        var wrapped = PSObject.AsPSObject(value);
        wrapped.TypeNames.Insert(0, $"{value.GetType().FullName}#{view}");
        return wrapped;
    }
}
