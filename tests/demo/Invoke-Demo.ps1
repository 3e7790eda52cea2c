<#
.SYNOPSIS
    A short, readable session with the module against the local emulator; build.ps1 -Task Demo runs it.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $WorkFolder
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1')

function Show-Step {
    # Prints a command as a user would type it, then runs it and shows its output.
    param([Parameter(Mandatory)] [string] $Command)
    Write-Host ''
    Write-Host "PS> $Command" -ForegroundColor Cyan
    $output = Invoke-Expression $Command
    if ($null -ne $output) { $output | Out-Host }
}

$env:VIETNIX_TEST_EMULATOR = $EmulatorPath
$emulator = Start-TestEmulator
try {
    $identity = Get-TestEmulatorIdentity $emulator
    $global:credential = Get-TestCredential $emulator 'demo'
    $global:keyFile = Join-Path $WorkFolder 'demo-generated.pem'
    $global:localKeyFile = Join-Path $WorkFolder 'demo_ed25519'
    $global:publicKeyFile = Join-Path $PSScriptRoot 'laptop_ed25519.pub'
    Remove-Item $keyFile, "$keyFile.pub", $localKeyFile, "$localKeyFile.pub" -ErrorAction SilentlyContinue
    Write-Host "Emulator listening on $($emulator.Url) (a local stand-in for Vietnix Cloud's Keystone and Nova APIs)."
    Write-Host "`$credential holds the user name 'demo' and its password."

    Show-Step "Connect-VietnixAccount -AuthUrl '$($identity.authUrl)' -Credential `$credential -ProjectName demo -PassThru"
    Show-Step "New-VietnixKeyPair -Name demo-generated -PrivateKeyPath `$keyFile | Format-List Name, Type, Fingerprint, PrivateKeyPath"
    Show-Step "(Get-Item `$keyFile).UnixFileMode"
    Show-Step "New-VietnixKeyPair -Name demo-local -KeyAlgorithm Ed25519 -PrivateKeyPath `$localKeyFile -Verbose 4>&1 | Where-Object { `$_ -isnot [System.Management.Automation.VerboseRecord] -or `$_.Message -like 'Generating*' } | Format-List Name, Origin, Algorithm, Sha256Fingerprint, PrivateKeyPath"
    Show-Step "Get-Content `$localKeyFile -TotalCount 1; (Get-Item `$localKeyFile).UnixFileMode"
    Show-Step "Get-VietnixPublicKeyInfo -Path `$publicKeyFile"
    Show-Step "Get-Content `$publicKeyFile | Import-VietnixKeyPair -Name laptop -Description 'Laptop key'"
    Show-Step "Get-Content `$publicKeyFile | Import-VietnixKeyPair -Name laptop -Description 'Laptop key' -Verbose 4>&1 | Where-Object { `$_ -isnot [System.Management.Automation.VerboseRecord] -or `$_.Message -like '*nothing changed*' }"
    Show-Step "Test-VietnixKeyPair -Name laptop -Path `$publicKeyFile -Detailed"
    Show-Step 'Get-VietnixKeyPair'
    Show-Step "Get-VietnixKeyPair -Name laptop | Format-List Name, Fingerprint, Description, CreatedAt"
    Show-Step 'Remove-VietnixKeyPair -Name demo-generated -WhatIf'
    Show-Step 'Get-VietnixKeyPair | Remove-VietnixKeyPair -Force -Verbose'
    Show-Step '@(Get-VietnixKeyPair).Count'
    Show-Step 'Disconnect-VietnixAccount -Verbose'
}
finally {
    Stop-TestEmulator $emulator
    Remove-Item $keyFile, "$keyFile.pub", $localKeyFile, "$localKeyFile.pub" -ErrorAction SilentlyContinue
    Write-Host ''
    Write-Host 'Emulator stopped.'
}
