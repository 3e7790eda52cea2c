BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Emulator
}

Describe 'New-VietnixKeyPair' {
    BeforeEach {
        Reset-TestEmulator $Emulator
    }

    Context 'server-side generation at <ApiVersion>' -ForEach @(
        @{ ApiVersion = '2.1'; Status = 200 }
        @{ ApiVersion = '2.2'; Status = 201 }
        @{ ApiVersion = '2.10'; Status = 201 }
        @{ ApiVersion = '2.72'; Status = 201 }
        @{ ApiVersion = '2.91'; Status = 201 }
    ) {
        It 'creates the key pair, saves an owner-only private key that ssh-keygen accepts, and emits it' {
            Connect-TestAccount $Emulator -ApiVersion $ApiVersion
            $keyFile = Join-Path $TestDrive "gen-$ApiVersion.pem"

            $keyPair = New-VietnixKeyPair -Name "gen-$($ApiVersion -replace '\.', '-')" -PrivateKeyPath $keyFile

            $post = Get-TestEmulatorRequest $Emulator -Method POST
            $post.status | Should -Be $Status
            $keyPair.Type | Should -Be 'Ssh'
            $keyPair.PrivateKeyPath | Should -Be $keyFile
            $keyPair.PrivateKey | Should -BeNullOrEmpty
            (& stat -c '%a' $keyFile) | Should -Be '600'
            $bytes = [IO.File]::ReadAllBytes($keyFile)
            $bytes[0] | Should -Be ([byte][char]'-')
            $bytes -contains [byte]13 | Should -BeFalse
            $derived = & ssh-keygen -y -f $keyFile
            $LASTEXITCODE | Should -Be 0
            ($keyPair.PublicKey -split ' ')[1] | Should -Be ($derived -split ' ')[1]
            ($post.body | ConvertFrom-Json).keypair.PSObject.Properties.Name | Should -Be @('name')
        }
    }

    It 'generates an x509 key pair at 2.2 and saves the PKCS#12 bytes' {
        Connect-TestAccount $Emulator -ApiVersion 2.2
        $pfx = Join-Path $TestDrive 'winrm.pfx'

        $keyPair = New-VietnixKeyPair -Name winrm -Type X509 -PrivateKeyPath $pfx

        $keyPair.Type | Should -Be 'X509'
        $keyPair.PublicKey | Should -Match '-----BEGIN CERTIFICATE-----'
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($pfx, '')
        $certificate.HasPrivateKey | Should -BeTrue
        ($certificate.GetCertHashString('SHA1') -replace '(..)(?!$)', '$1:').ToLowerInvariant() | Should -Be $keyPair.Fingerprint
    }

    It 'refuses server-side generation at <_> and sends nothing' -ForEach @('2.92', '2.93') {
        Connect-TestAccount $Emulator -ApiVersion $_

        New-VietnixKeyPair -Name too-new -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -Be 'ServerGenerationUnavailable,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand'
        $failure[0].ToString() | Should -Match '2\.92'
        Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
    }

    It 'creates nothing and writes no file with -WhatIf' {
        Connect-TestAccount $Emulator
        $keyFile = Join-Path $TestDrive 'whatif.pem'

        New-VietnixKeyPair -Name whatif -PrivateKeyPath $keyFile -WhatIf

        Test-Path $keyFile | Should -BeFalse
        Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
    }

    It 'does not replace an existing file without -Force, and sends nothing' {
        Connect-TestAccount $Emulator
        $keyFile = Join-Path $TestDrive 'existing.pem'
        Set-Content -Path $keyFile -Value 'precious'

        New-VietnixKeyPair -Name existing -PrivateKeyPath $keyFile -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -Be 'PrivateKeyFileExists,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content $keyFile | Should -Be 'precious'
        Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
    }

    It 'resolves -PrivateKeyPath against the PowerShell location, not the process directory' {
        Connect-TestAccount $Emulator
        Push-Location $TestDrive
        try {
            $keyPair = New-VietnixKeyPair -Name relative -PrivateKeyPath 'relative.pem'
        }
        finally {
            Pop-Location
        }
        $keyPair.PrivateKeyPath | Should -Be (Join-Path $TestDrive 'relative.pem')
        Test-Path (Join-Path $TestDrive 'relative.pem') | Should -BeTrue
    }

    It 'reports a duplicate name as ResourceExists' {
        Connect-TestAccount $Emulator
        New-VietnixKeyPair -Name twice -WarningAction SilentlyContinue | Out-Null

        New-VietnixKeyPair -Name twice -ErrorVariable failure -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairAlreadyExists,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure[0].TargetObject | Should -Be 'twice'
        $failure[0].ToString() | Should -Match "Key pair 'twice' already exists"
        $failure[0].ToString() | Should -Match 'req-'
    }

    It 'keeps the private key only as a SecureString when no path is given, and warns' {
        Connect-TestAccount $Emulator
        $keyPair = New-VietnixKeyPair -Name in-memory -WarningVariable warnings -WarningAction SilentlyContinue

        $keyPair.PrivateKey | Should -BeOfType [securestring]
        $warnings | Should -Match 'PrivateKey property'
        ($keyPair | Format-List * | Out-String) | Should -Not -Match 'BEGIN RSA PRIVATE KEY'
        ($keyPair | ConvertTo-Json | Out-String) | Should -Not -Match 'BEGIN RSA PRIVATE KEY'
        [Net.NetworkCredential]::new('', $keyPair.PrivateKey).Password | Should -Match '^-----BEGIN RSA PRIVATE KEY-----'
    }
}
