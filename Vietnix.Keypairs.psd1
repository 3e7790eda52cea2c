# Source manifest. build.ps1 copies it into module/Vietnix.Keypairs/ and fills in the {{...}} fields:
# the version and pre-release label from Directory.Build.props, the release notes from CHANGELOG.md.
@{
    RootModule           = 'Vietnix.Keypairs.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '6f3d2c1e-8b4a-4d7e-9a61-2f5c0b7e4d13'
    Author               = 'Vietnix.Keypairs contributors'
    CompanyName          = 'Vietnix.Keypairs contributors'
    Copyright            = '(c) 2026 Vietnix.Keypairs contributors. MIT License.'
    Description          = 'Manage SSH key pairs on Vietnix Cloud (OpenStack Keystone and Nova os-keypairs) from Windows PowerShell 5.1 and PowerShell 7: sign in every OpenStack way, generate keys locally or on the server, import, list, show, test and remove them, with owner-only private-key files and fingerprint checks.'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    # No FormatsToProcess: Vietnix.Keypairs.Format.ps1xml ships beside the DLL and is loaded by the
    # first command run in a runspace (Internal/DeferredFormatData.cs), so importing stays cheap.
    CmdletsToExport      = @(
        'Connect-VietnixAccount'
        'Disconnect-VietnixAccount'
        'Get-VietnixContext'
        'New-VietnixKeyPair'
        'Import-VietnixKeyPair'
        'Get-VietnixKeyPair'
        'Remove-VietnixKeyPair'
        'Test-VietnixKeyPair'
        'Get-VietnixPublicKeyInfo'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Vietnix', 'OpenStack', 'Nova', 'Keystone', 'SSH', 'KeyPair', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/vietnix/Vietnix.Keypairs'
            LicenseUri   = 'https://github.com/vietnix/Vietnix.Keypairs/blob/main/LICENSE'
            Prerelease   = '{{ModulePrerelease}}'
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
