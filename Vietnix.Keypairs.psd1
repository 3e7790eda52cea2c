# Source manifest. build.ps1 copies it into module/Vietnix.Keypairs/ and stamps ModuleVersion
# from Directory.Build.props.
@{
    RootModule           = 'Vietnix.Keypairs.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '6f3d2c1e-8b4a-4d7e-9a61-2f5c0b7e4d13'
    Author               = 'Vietnix.Keypairs contributors'
    CompanyName          = 'Vietnix.Keypairs contributors'
    Copyright            = '(c) Vietnix.Keypairs contributors.'
    Description          = 'Manage SSH key pairs on Vietnix Cloud (OpenStack Nova os-keypairs): create, import, list, show and remove them, with safe private-key files and client-side fingerprint checks.'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('Vietnix.Keypairs.Format.ps1xml')
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
            Tags         = @('Vietnix', 'OpenStack', 'Nova', 'SSH', 'KeyPair', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'First release: Nova os-keypairs with microversion negotiation, key validation and owner-only private key files.'
        }
    }
}
