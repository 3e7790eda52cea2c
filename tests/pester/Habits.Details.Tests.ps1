# The smaller PowerShell habits of issue 10 (items 7 and 11), against the emulator: JSON that says
# words, a major version Nova lacks, -Verbose in order, a Nova URL given as -AuthUrl, a file given
# to -PublicKey, saving a key that is only in memory, and tables named after their properties.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $Keys = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $Ed25519 = New-TestSshKey -Folder $Keys -Type ed25519 -Name laptop
    $Rsa = New-TestSshKey -Folder $Keys -Type rsa -Bits 2048 -Name build-server
    $CertificatePath = Join-Path $TestDrive 'cert.pem'
    & openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=vietnix-details' -keyout (Join-Path $TestDrive 'cert.key') -out $CertificatePath 2>$null
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestOsVariable
    Stop-TestTarget $Emulator
}

Describe 'Smaller habits' -Tag 'Habits' {
    BeforeEach {
        Clear-TestKeyPair $Emulator
        Clear-TestOsVariable
        Connect-TestAccount $Emulator
    }

    It 'writes Type, Origin and Status as words in ConvertTo-Json' {
        $imported = Import-VietnixKeyPair -Name laptop -Path $Ed25519

        $json = $imported | ConvertTo-Json -Compress
        $json | Should -Match '"Type":"Ssh"'
        $json | Should -Match '"Origin":"Imported"'
        (Get-VietnixPublicKeyInfo -Path $Ed25519 | ConvertTo-Json -Compress) | Should -Match '"Type":"Ssh"'
        (Test-VietnixKeyPair -Name laptop -Path $Ed25519 -Detailed | ConvertTo-Json -Compress) | Should -Match '"Status":"Match"'
        # Still compared as before.
        $imported.Type -eq [Vietnix.Keypairs.KeyPairType]::Ssh | Should -BeTrue
    }

    It 'refuses -ApiVersion <Version>, a major version Nova does not have, before sending anything' -ForEach @(
        @{ Version = '3.0' }
        @{ Version = '3.5' }
    ) {
        Clear-TestEmulatorRequest $Emulator

        { Get-VietnixKeyPair -ApiVersion $Version -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConnectionParameters,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand' -ExpectedMessage "*Nova has only major version 2*"
        @(Get-TestEmulatorRequest $Emulator).Count | Should -Be 0
    }

    It 'refuses OS_COMPUTE_API_VERSION=3.0 as well, naming the variable' {
        Disconnect-VietnixAccount
        $env:OS_AUTH_URL = $Emulator.AuthUrl
        $env:OS_USERNAME = 'demo'
        $env:OS_PASSWORD = (Get-TestUser $Emulator 'demo').password
        $env:OS_PROJECT_NAME = 'demo'
        $env:OS_COMPUTE_API_VERSION = '3.0'

        $failure = { Get-VietnixKeyPair -ErrorAction Stop } | Should -Throw -ErrorId 'SignInIncomplete,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand' -PassThru
        "$failure $($failure.ErrorDetails.RecommendedAction)" | Should -Match 'OS_COMPUTE_API_VERSION'
    }

    It 'writes -Verbose lines in the order things happen' {
        Disconnect-VietnixAccount
        $lines = Import-VietnixKeyPair -Name laptop -Path $Ed25519 -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        $order = @(
            '^POST \S+/v3/auth/tokens '
            '^GET \S+/v2\.1/ '
            '^Using compute microversion 2\.72'
            '^POST \S+/os-keypairs '
            '^DELETE \S+/v3/auth/tokens '
            "^Revoked the session's token"
        ) | ForEach-Object { $pattern = $_; [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($line) $line -match $pattern }) }
        $order | Should -Not -Contain -1
        $order | Should -Be ($order | Sort-Object)
    }

    It 'recognises a Nova URL given as -AuthUrl, and sends the password nowhere' {
        Disconnect-VietnixAccount
        Clear-TestEmulatorRequest $Emulator

        $failure = { Get-VietnixKeyPair -AuthUrl $Emulator.ComputeUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo -ErrorAction Stop } |
            Should -Throw -ErrorId 'SignInIncomplete,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand' -PassThru
        $failure.ToString() | Should -BeLike "*this is a compute endpoint; the auth URL is Keystone's, usually :5000/v3*"
        @(Get-TestEmulatorRequest $Emulator).Count | Should -Be 0
    }

    It 'suggests -Path when -PublicKey is given a file path: <Label>' -ForEach @(
        @{ Label = 'Import-VietnixKeyPair'; Command = { param($file) Import-VietnixKeyPair -Name laptop -PublicKey $file -ErrorAction Stop }; Id = 'ImportVietnixKeyPairCommand' }
        @{ Label = 'Test-VietnixKeyPair'; Command = { param($file) Test-VietnixKeyPair -Name laptop -PublicKey $file -ErrorAction Stop }; Id = 'TestVietnixKeyPairCommand' }
        @{ Label = 'Get-VietnixPublicKeyInfo'; Command = { param($file) Get-VietnixPublicKeyInfo -PublicKey $file -ErrorAction Stop }; Id = 'GetVietnixPublicKeyInfoCommand' }
    ) {
        $failure = { & $Command $Ed25519 } | Should -Throw -ErrorId "InvalidPublicKey,Vietnix.Keypairs.Commands.$Id" -PassThru

        $failure.ToString() | Should -BeLike "*looks like a file path*"
        $failure.ErrorDetails.RecommendedAction | Should -BeLike "*-Path '$Ed25519'*"
        Get-TestKeyPairName $Emulator | Should -BeNullOrEmpty
    }

    It 'still calls text that is no path simply not a key' {
        $failure = { Import-VietnixKeyPair -Name laptop -PublicKey 'ssh-ed25519 not-base64' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPublicKey,*' -PassThru
        $failure.ToString() | Should -Not -BeLike '*file path*'
    }
}

Describe 'Saving a private key that is only in memory' -Tag 'Habits' {
    BeforeEach {
        Clear-TestKeyPair $Emulator
        Connect-TestAccount $Emulator
        Push-Location $TestDrive
    }

    AfterEach { Pop-Location }

    It 'warns with lines that save it, owner-only and without a BOM, where ssh-keygen reads it: <Label>' -ForEach @(
        @{ Label = 'generated by Nova (2.72)'; Arguments = @{ Name = 'from-nova' } }
        @{ Label = 'generated here'; Arguments = @{ Name = 'from-here'; KeyAlgorithm = 'Ed25519' } }
    ) {
        $keyPair = New-VietnixKeyPair @Arguments -WarningVariable warnings -WarningAction SilentlyContinue
        $text = "$($warnings[0])"
        $text | Should -Match 'Windows PowerShell 5\.1 and PowerShell 7'

        # Run the lines the warning gives, as the user would paste them, under strict mode.
        $lines = $text -split "`n" | Where-Object { $_ -like '  *' }
        $lines.Count | Should -Be 3
        & { Set-StrictMode -Version Latest; . ([scriptblock]::Create($lines -join "`n")) }

        $file = Join-Path $TestDrive $Arguments.Name
        (Get-Item $file).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        $bytes = [IO.File]::ReadAllBytes($file)
        [Text.Encoding]::ASCII.GetString($bytes, 0, 5) | Should -Be '-----'
        $derived = & ssh-keygen -y -f $file 2>&1
        $LASTEXITCODE | Should -Be 0
        ($derived -split ' ')[1] | Should -Be ($keyPair.PublicKey -split ' ')[1]
    }

    It 'gives PKCS#12 lines for an x509 key pair generated by Nova' {
        $keyPair = New-VietnixKeyPair -Name winrm -Type X509 -WarningVariable warnings -WarningAction SilentlyContinue
        $lines = "$($warnings[0])" -split "`n" | Where-Object { $_ -like '  *' }
        . ([scriptblock]::Create($lines -join "`n"))

        $pfx = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $TestDrive 'winrm.pfx'), '')
        $pfx.HasPrivateKey | Should -BeTrue
        (Get-Item (Join-Path $TestDrive 'winrm.pfx')).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
    }
}

Describe 'Fingerprints shown clearly' -Tag 'Habits' {
    BeforeEach {
        Clear-TestKeyPair $Emulator
        Connect-TestAccount $Emulator
    }

    It 'names the table columns of Get-VietnixPublicKeyInfo after their properties, with each file path' {
        $infos = Get-ChildItem (Join-Path $Keys '*.pub') | Get-VietnixPublicKeyInfo
        $table = $infos | Format-Table | Out-String -Width 250

        $infos.Path | Sort-Object | Should -Be (@($Ed25519, $Rsa) | Sort-Object)
        $header = ($table -split "`n" | Where-Object { $_ -match '\S' })[0]
        -split $header | Should -Be @('Path', 'Algorithm', 'KeySize', 'Sha256Fingerprint', 'Md5Fingerprint', 'Comment')
        foreach ($info in $infos) {
            $row = $table -split "`n" | Where-Object { $_ -like "$($info.Path) *" }
            $row | Should -Match ([regex]::Escape($info.Sha256Fingerprint))
            $row | Should -Match ([regex]::Escape($info.Md5Fingerprint))
            $info.Md5Fingerprint | Should -Be $info.Fingerprint
        }
    }

    It 'shows a certificate with its SHA-1 fingerprint under Sha1Fingerprint' {
        $table = Get-VietnixPublicKeyInfo -Path $CertificatePath | Out-String -Width 200
        $info = Get-VietnixPublicKeyInfo -Path $CertificatePath

        $table | Should -Match 'Sha1Fingerprint'
        $table | Should -Match ([regex]::Escape($info.Sha1Fingerprint))
    }

    It 'fits Test-VietnixKeyPair -Detailed in 80 columns without cutting the fingerprint, even for a long name' {
        $name = 'a-rather-long-key-pair-name-for-the-deploy-robot'
        Import-VietnixKeyPair -Name $name -Path $Rsa | Out-Null
        $comparison = Test-VietnixKeyPair -Name $name -Path $Rsa -Detailed

        $lines = ($comparison | Out-String -Width 80) -split "`n" | Where-Object { $_ -match '\S' }

        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $lines[-1] | Should -Match ([regex]::Escape($comparison.LocalFingerprint) + '\s*$')
        $lines[-1] | Should -Match 'Match'
    }

    It 'fits a certificate comparison in 80 columns with its whole SHA-1 fingerprint' {
        Import-VietnixKeyPair -Name cert -Path $CertificatePath | Out-Null
        $comparison = Test-VietnixKeyPair -Name cert -Path $CertificatePath -Detailed

        $lines = ($comparison | Out-String -Width 80) -split "`n" | Where-Object { $_ -match '\S' }

        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $lines[-1] | Should -Match ([regex]::Escape($comparison.LocalFingerprint) + '\s*$')
    }

    It 'names the file in every error of a folder import' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'mixed')
        Copy-Item $Ed25519 $folder
        Set-Content (Join-Path $folder 'broken.pub') 'ssh-ed25519 this-is-not-a-key'
        Copy-Item $CertificatePath (Join-Path $folder 'cert.pub')

        Get-ChildItem (Join-Path $folder '*.pub') | Import-VietnixKeyPair -Description 'deploy' -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        Get-ChildItem (Join-Path $folder '*.pub') | Get-VietnixPublicKeyInfo -ErrorVariable infoFailures -ErrorAction SilentlyContinue | Out-Null

        $failures.Count | Should -Be 2
        $failures | Where-Object { $_.ToString() -like "*$(Join-Path $folder 'broken.pub')*" } | Should -HaveCount 1
        $failures | Where-Object { $_.ToString() -like "*$(Join-Path $folder 'cert.pub')*" } | Should -HaveCount 1
        $infoFailures.Count | Should -Be 1
        $infoFailures[0].ToString() | Should -BeLike "*$(Join-Path $folder 'broken.pub')*"
    }
}
