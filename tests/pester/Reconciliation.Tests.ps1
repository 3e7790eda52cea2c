# A create whose answer is lost must be settled by reading back, never retried blindly. Only the
# emulator can drop a connection after it carried a request out, so these run against it alone.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $PublicKeyFile = New-TestSshKey -Folder $TestDrive -Type ed25519 -Name reconciled
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Emulator
}

Describe 'An import whose answer is lost' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Connect-TestAccount $Emulator
        Clear-TestEmulatorRequest $Emulator
    }

    It 'reads the key pair back, finds the key it sent, and reports success once, without a second create' {
        Set-TestEmulatorLostResponse $Emulator -Action Create

        $records = Import-VietnixKeyPair -Path $PublicKeyFile -Verbose -ErrorVariable failure 4>&1
        $imported = @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] })

        $failure | Should -BeNullOrEmpty
        $imported.Count | Should -Be 1
        $imported[0].Fingerprint | Should -Be (Get-SshKeygenFingerprint $PublicKeyFile)
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain "The answer to the import of 'reconciled' was lost on the way back; reading the key pair back showed the key stored once, as sent."
        $sent = @(Get-TestEmulatorRequest $Emulator | Where-Object path -like '*/os-keypairs*')
        @($sent | ForEach-Object { "$($_.method) $($_.status) $($_.responseLost)" }) | Should -Be @('POST 201 True', 'GET 200 False')
        Get-TestKeyPairName $Emulator | Should -Be @('reconciled')
    }

    It 'reports the lost create as one ConnectionFailed error for the key when the server cannot be asked either' {
        Set-TestEmulatorLostResponse $Emulator -Action Create
        # Every attempt of the read-back (3 by default) loses its answer too.
        Set-TestEmulatorLostResponse $Emulator -Action Show -Count 3

        $imported = Import-VietnixKeyPair -Path $PublicKeyFile -ErrorVariable failure -ErrorAction SilentlyContinue

        $imported | Should -BeNullOrEmpty
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        $failure[0].TargetObject | Should -Be 'reconciled'
        $failure[0].ToString() | Should -Match '\(POST\)'
    }
}
