namespace Vietnix.Keypairs.Internal;

/// <summary>
/// What to type to save a private key that is only in an output object's PrivateKey property.
/// The same lines work in Windows PowerShell 5.1 and PowerShell 7, and under Set-StrictMode (no
/// $IsLinux, which 5.1 does not have): the file is made and restricted
/// to its owner before the key is written into it, and written as ASCII (no byte order mark), with a final line break
/// (Set-Content's default is UTF-16 on 5.1 and UTF-8 without BOM on 7; ssh reads neither a BOM nor UTF-16).
/// </summary>
internal static class PrivateKeySaving
{
    public static string Instructions(string name, bool isPkcs12)
    {
        var file = SafeFileName(name) + (isPkcs12 ? ".pfx" : string.Empty);
        var write = isPkcs12
            ? "[IO.File]::WriteAllBytes($file, [Convert]::FromBase64String([Net.NetworkCredential]::new('', $keyPair.PrivateKey).Password))"
            : "Set-Content -LiteralPath $file -Value ([Net.NetworkCredential]::new('', $keyPair.PrivateKey).Password) -Encoding ascii";
        return "With the output in $keyPair, these lines save it in Windows PowerShell 5.1 and PowerShell 7, readable by you only:\n"
            + $"  $file = Join-Path $PWD '{file}'; New-Item -ItemType File -Path $file -Force | Out-Null\n"
            + "  if ([Environment]::OSVersion.Platform -eq 'Unix') { chmod 600 $file } else { icacls $file /inheritance:r /grant:r \"${env:USERDOMAIN}\\${env:USERNAME}:F\" | Out-Null }\n"
            + $"  {write}\n"
            + "If the output was not kept, remove the key pair and create it again with -PrivateKeyPath, which writes an owner-only file itself.";
    }

    // The key pair name as a file name: a name may hold characters a path cannot (/, :, *).
    private static string SafeFileName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or '\'' || char.IsControl(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
