BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $Keys = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $Ed25519 = New-TestSshKey -Folder $Keys -Type ed25519
    $Rsa = New-TestSshKey -Folder $Keys -Type rsa -Bits 3072
    $Ecdsa = New-TestSshKey -Folder $Keys -Type ecdsa -Bits 384
    $CertificatePath = Join-Path $TestDrive 'cert.pem'
    & openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=vietnix-test' -keyout (Join-Path $TestDrive 'cert.key') -out $CertificatePath 2>$null
    $CertificateSha1 = ((& openssl x509 -noout -fingerprint -sha1 -in $CertificatePath) -replace '^.*=', '').ToLowerInvariant()
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Emulator
}

Describe 'Import-VietnixKeyPair' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Connect-TestAccount $Emulator
    }

    It 'imports <Name> from Get-Content with the fingerprint ssh-keygen computes' -ForEach @(
        @{ Name = 'ed25519'; Key = { $Ed25519 } }
        @{ Name = 'rsa'; Key = { $Rsa } }
        @{ Name = 'ecdsa'; Key = { $Ecdsa } }
    ) {
        $path = & $Key
        $keyPair = Get-Content $path | Import-VietnixKeyPair -Name $Name

        $keyPair.Name | Should -Be $Name
        $keyPair.Type | Should -Be 'Ssh'
        $keyPair.Fingerprint | Should -Be (Get-SshKeygenFingerprint $path -Hash md5)
        $keyPair.PublicKey | Should -Be (Get-Content $path)
        $post = Get-TestEmulatorRequest $Emulator -Method POST
        $post.contentLength | Should -Be ([Text.Encoding]::UTF8.GetByteCount($post.body))
        $post.chunked | Should -BeFalse
    }

    It 'imports an x509 certificate piped line by line, with its SHA-1 fingerprint' {
        $keyPair = Get-Content $CertificatePath | Import-VietnixKeyPair -Name winrm

        $keyPair.Type | Should -Be 'X509'
        $keyPair.Fingerprint | Should -Be $CertificateSha1
        ((Get-TestEmulatorRequest $Emulator -Method POST).body | ConvertFrom-Json).keypair.type | Should -Be 'x509'
    }

    It 'names each file from Get-ChildItem after its base name' {
        $keyPairs = Get-ChildItem -Path $Keys -Filter *.pub | Import-VietnixKeyPair

        $keyPairs.Name | Sort-Object | Should -Be @('id_ecdsa', 'id_ed25519', 'id_rsa')
        (Get-VietnixKeyPair).Count | Should -Be 3
    }

    It 'imports with -Path wildcards too' {
        $keyPairs = Import-VietnixKeyPair -Path (Join-Path $Keys 'id_e*.pub')
        $keyPairs.Name | Sort-Object | Should -Be @('id_ecdsa', 'id_ed25519')
    }

    It 'stores -Description in the vendor''s VSTOR-KEY-DESC comment without changing the key' {
        $keyPair = Import-VietnixKeyPair -Name described -PublicKey (Get-Content -Raw $Ed25519) -Description 'Key3 description'

        $keyPair.Description | Should -Be 'Key3 description'
        $keyPair.PublicKey | Should -Match 'VSTOR-KEY-DESC:Key3 description$'
        $keyPair.Fingerprint | Should -Be (Get-SshKeygenFingerprint $Ed25519 -Hash md5)
        (Get-VietnixKeyPair -Name described).Description | Should -Be 'Key3 description'
    }

    It 'refuses several keys under one name before sending anything' {
        $lines = @(Get-Content $Ed25519) + @(Get-Content $Rsa)
        $lines | Import-VietnixKeyPair -Name both -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidPublicKey,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
    }

    It 'refuses a private key with a clear message and sends nothing' {
        $privateKey = $Ed25519 -replace '\.pub$', ''
        Get-Content $privateKey | Import-VietnixKeyPair -Name secret -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].ToString() | Should -Match 'private key'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
    }

    It 'refuses text that is not a key' {
        'hello world' | Import-VietnixKeyPair -Name junk -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidPublicKey,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
    }

    It 'needs a name for key text' {
        Get-Content $Ed25519 | Import-VietnixKeyPair -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NameRequired,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
    }

    Context 'names at the rule boundaries (<ApiVersion>, "<Label>")' -ForEach @(
        @{ ApiVersion = '2.72'; Label = '1 character'; Name = 'a'; Accepted = $true }
        @{ ApiVersion = '2.72'; Label = '255 characters'; Name = ('n' * 255); Accepted = $true }
        @{ ApiVersion = '2.72'; Label = '256 characters'; Name = ('n' * 256); Accepted = $false }
        @{ ApiVersion = '2.72'; Label = 'inner space'; Name = 'my key'; Accepted = $true }
        @{ ApiVersion = '2.72'; Label = 'leading space'; Name = ' key'; Accepted = $false }
        @{ ApiVersion = '2.72'; Label = 'at and dot'; Name = 'me@host.example'; Accepted = $false }
        @{ ApiVersion = '2.92'; Label = 'at and dot'; Name = 'me@host.example'; Accepted = $true }
        @{ ApiVersion = '2.92'; Label = 'slash'; Name = 'a/b'; Accepted = $false }
    ) {
        It 'is accepted only when Nova would accept it, and refused without sending' {
            Connect-TestAccount $Emulator -ApiVersion $ApiVersion
            $keyPair = Import-VietnixKeyPair -Name $Name -Path $Ed25519 -ErrorVariable failure -ErrorAction SilentlyContinue

            if ($Accepted) {
                $keyPair.Name | Should -Be $Name
                (Get-VietnixKeyPair -Name $Name).Name | Should -Be $Name
            }
            else {
                $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidKeyPairName,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
                Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
            }
        }
    }

    It 'reports the key pair quota as QuotaExceeded' {
        Set-TestEmulatorSetting $Emulator @{ quota = 2 }
        Import-VietnixKeyPair -Name q1 -Path $Ed25519 | Out-Null
        Import-VietnixKeyPair -Name q2 -Path $Rsa | Out-Null

        Import-VietnixKeyPair -Name q3 -Path $Ecdsa -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairQuotaExceeded,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $failure[0].ToString() | Should -Match 'Quota exceeded, too many key pairs'
    }

    It 'lets an admin import for demo with -UserId, and refuses it to a non-admin' {
        $demo = Get-TestUser $Emulator 'demo'
        $admin = Get-TestUser $Emulator 'admin'
        Connect-TestAccount $Emulator -User admin

        (Import-VietnixKeyPair -Name for-demo -Path $Ed25519 -UserId $demo.id).UserId | Should -Be $demo.id

        Connect-TestAccount $Emulator -User demo
        (Get-VietnixKeyPair -Name for-demo).UserId | Should -Be $demo.id
        Import-VietnixKeyPair -Name steal -Path $Ed25519 -UserId $admin.id -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairAccessDenied,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'imports nothing with -WhatIf' {
        Get-Content $Ed25519 | Import-VietnixKeyPair -Name whatif -WhatIf
        Get-TestEmulatorRequest $Emulator -Method POST | Should -BeNullOrEmpty
    }
}
