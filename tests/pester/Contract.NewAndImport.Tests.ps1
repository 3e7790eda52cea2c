# Contract tests: the same tests run against the emulator (build.ps1 -Task Test) and against real
# Keystone and Nova (build.ps1 -Task Integration), so the emulator stays honest.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Target = Get-TestTarget
    $Demo = Get-TestUser $Target 'demo'
    $Admin = Get-TestUser $Target 'admin'
    $Keys = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $Ed25519 = New-TestSshKey -Folder $Keys -Type ed25519
    $Rsa = New-TestSshKey -Folder $Keys -Type rsa -Bits 3072
    $Ecdsa = New-TestSshKey -Folder $Keys -Type ecdsa -Bits 384
    $CertificatePath = Join-Path $TestDrive 'cert.pem'
    & openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=vietnix-test' -keyout (Join-Path $TestDrive 'cert.key') -out $CertificatePath 2>$null
    $CertificateSha1 = ((& openssl x509 -noout -fingerprint -sha1 -in $CertificatePath) -replace '^.*=', '').ToLowerInvariant()
    $PublicKey = (Get-Content $Ed25519)
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestKeyPair $Target
    Stop-TestTarget $Target
}

Describe 'New-VietnixKeyPair' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
    }

    Context 'server-side generation at <ApiVersion>' -ForEach @(
        @{ ApiVersion = '2.1'; Status = 200; SendsType = $false }
        @{ ApiVersion = '2.2'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.10'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.35'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.72'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.91'; Status = 201; SendsType = $true }
    ) {
        It 'answers <Status>, and saves an owner-only private key that ssh-keygen accepts' {
            Connect-TestAccount $Target -ApiVersion $ApiVersion
            $keyFile = Join-Path $TestDrive "gen-$ApiVersion.pem"
            $records = & { $DebugPreference = 'Continue'; New-VietnixKeyPair -Name "gen-$($ApiVersion -replace '\.', '-')" -PrivateKeyPath $keyFile -Verbose 4>&1 5>&1 }
            $created = @($records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })

            ($records | Get-TestHttpExchange | Where-Object Method -eq POST).Status | Should -Be $Status
            $answer = ($records | Get-TestLoggedBody | Where-Object Method -eq POST).Body.keypair
            $answer.PSObject.Properties.Name -contains 'type' | Should -Be $SendsType
            $answer.user_id | Should -Be $Demo.id
            $answer.private_key | Should -Be '<redacted>'
            $answer.public_key | Should -Match ' Generated-by-Nova$'
            $created[0].Type | Should -Be 'Ssh'
            $created[0].UserId | Should -Be $Demo.id
            $created[0].PrivateKeyPath | Should -Be $keyFile
            (& stat -c '%a' $keyFile) | Should -Be '600'
            [IO.File]::ReadAllBytes($keyFile) -contains [byte]13 | Should -BeFalse
            $derived = & ssh-keygen -y -f $keyFile
            $LASTEXITCODE | Should -Be 0
            ($created[0].PublicKey -split ' ')[1] | Should -Be ($derived -split ' ')[1]
            Get-TestKeyPairName $Target | Should -Contain $created[0].Name
        }
    }

    It 'generates an Ed25519 key on this machine at <_>, where Nova no longer generates keys, and sends only its public half' -ForEach @('2.92', 'latest') {
        Connect-TestAccount $Target -ApiVersion $_
        $keyFile = Join-Path $TestDrive "local-$_"

        $records = & { $DebugPreference = 'Continue'; New-VietnixKeyPair -Name "local-$($_ -replace '\.', '-')" -PrivateKeyPath $keyFile -Verbose 4>&1 5>&1 }
        $created = @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] })

        $created[0].Origin | Should -Be 'GeneratedLocally'
        $created[0].Algorithm | Should -Be 'ED25519'
        @(($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -match
            '^Generating the key on this machine: at microversion 2\.9[23] Nova no longer generates keys').Count | Should -Be 1
        $sent = ($records | Get-TestLoggedBody -Kind request | Where-Object Method -eq POST).Body.keypair
        $sent.public_key | Should -Be (Get-Content "$keyFile.pub")
        $sent.PSObject.Properties.Name | Should -Not -Contain 'private_key'
        ((& ssh-keygen -y -f $keyFile) -split ' ')[0..1] -join ' ' | Should -Be (((Get-Content "$keyFile.pub") -split ' ')[0..1] -join ' ')
        Get-TestKeyPairName $Target | Should -Be @($created[0].Name)
    }

    It 'encrypts the private key file with -Passphrase as ssh-keygen -N does, whoever generates the key (<Origin> at <ApiVersion>)' -ForEach @(
        @{ ApiVersion = '2.72'; Origin = 'GeneratedByServer' }
        @{ ApiVersion = 'latest'; Origin = 'GeneratedLocally' }
    ) {
        Connect-TestAccount $Target -ApiVersion $ApiVersion
        $keyFile = Join-Path $TestDrive "protected-$ApiVersion"
        $transcript = Join-Path $TestDrive "protected-$ApiVersion.transcript"
        $passphrase = ConvertTo-SecureString 'contract-passphrase-never-shown' -AsPlainText -Force

        Start-Transcript -LiteralPath $transcript | Out-Null
        try {
            $records = & { $DebugPreference = 'Continue'; New-VietnixKeyPair -Name "protected-$($ApiVersion -replace '\.', '-')" -PrivateKeyPath $keyFile -Passphrase $passphrase -Verbose 4>&1 5>&1 }
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $created = @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] })

        $created[0].Origin | Should -Be $Origin
        (& stat -c '%a' $keyFile) | Should -Be '600'
        Get-Content $keyFile -First 1 | Should -Be '-----BEGIN OPENSSH PRIVATE KEY-----'
        & ssh-keygen -y -P wrong -f $keyFile 2>$null | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        $derived = & ssh-keygen -y -P 'contract-passphrase-never-shown' -f $keyFile
        $LASTEXITCODE | Should -Be 0
        ($derived -split ' ')[0..1] -join ' ' | Should -Be (($created[0].PublicKey.TrimEnd("`n") -split ' ')[0..1] -join ' ')
        ($records | Out-String) + (Get-Content $transcript -Raw) | Should -Not -Match 'contract-passphrase'

        # The public half of the encrypted file is read back without the passphrase.
        (Get-VietnixPublicKeyInfo -Path $keyFile).Sha256Fingerprint | Should -Be $created[0].Sha256Fingerprint
        Test-VietnixKeyPair -Name $created[0].Name -Path $keyFile | Should -BeTrue
    }

    It 'generates an x509 key pair at 2.2, saved as PKCS#12' {
        Connect-TestAccount $Target -ApiVersion 2.2
        $pfx = Join-Path $TestDrive 'winrm.pfx'

        $keyPair = New-VietnixKeyPair -Name winrm -Type X509 -PrivateKeyPath $pfx

        $keyPair.Type | Should -Be 'X509'
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($pfx, '')
        $certificate.HasPrivateKey | Should -BeTrue
        ($certificate.GetCertHashString('SHA1') -replace '(..)(?!$)', '$1:').ToLowerInvariant() | Should -Be $keyPair.Fingerprint
    }

    It 'creates nothing with -WhatIf' {
        Connect-TestAccount $Target
        New-VietnixKeyPair -Name whatif -PrivateKeyPath (Join-Path $TestDrive 'whatif.pem') -WhatIf
        Test-Path (Join-Path $TestDrive 'whatif.pem') | Should -BeFalse
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }
}

Describe 'New-VietnixKeyPair generating the key on this machine' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    Context '<Algorithm> <KeySize>' -ForEach @(
        @{ Algorithm = 'Ed25519'; KeySize = $null; Label = 'ED25519'; Bits = 256 }
        @{ Algorithm = 'Rsa'; KeySize = $null; Label = 'RSA'; Bits = 3072 }
        @{ Algorithm = 'Rsa'; KeySize = 2048; Label = 'RSA'; Bits = 2048 }
        @{ Algorithm = 'Ecdsa'; KeySize = $null; Label = 'ECDSA'; Bits = 256 }
        @{ Algorithm = 'Ecdsa'; KeySize = 384; Label = 'ECDSA'; Bits = 384 }
        @{ Algorithm = 'Ecdsa'; KeySize = 521; Label = 'ECDSA'; Bits = 521 }
    ) {
        It 'saves an openssh-key-v1 file (mode 0600, LF, no BOM) and a .pub that ssh-keygen agrees with, fingerprints included' {
            $name = "local-$Algorithm-$Bits".ToLowerInvariant()
            $keyFile = Join-Path $TestDrive $name
            $size = if ($KeySize) { @{ KeySize = $KeySize } } else { @{} }

            $keyPair = New-VietnixKeyPair -Name $name -KeyAlgorithm $Algorithm @size -PrivateKeyPath $keyFile

            $bytes = [IO.File]::ReadAllBytes($keyFile)
            [Text.Encoding]::ASCII.GetString($bytes, 0, 36) | Should -Be "-----BEGIN OPENSSH PRIVATE KEY-----`n"
            $bytes -contains [byte]13 | Should -BeFalse
            $bytes[-1] | Should -Be 10
            (& stat -c '%a' $keyFile) | Should -Be '600'
            $derived = & ssh-keygen -y -f $keyFile
            $LASTEXITCODE | Should -Be 0
            ($derived -split ' ')[0..1] -join ' ' | Should -Be (((Get-Content "$keyFile.pub") -split ' ')[0..1] -join ' ')
            $keyPair.PublicKey | Should -Be (Get-Content "$keyFile.pub")
            $keyPair.Fingerprint | Should -Be (Get-SshKeygenFingerprint $keyFile)
            $keyPair.Sha256Fingerprint | Should -Be (Get-SshKeygenFingerprint $keyFile -Hash sha256)
            $keyPair.Algorithm | Should -Be $Label
            $keyPair.KeySize | Should -Be $Bits
            $keyPair.Origin | Should -Be 'GeneratedLocally'
            $keyPair.PrivateKeyPath | Should -Be $keyFile
            (Get-VietnixKeyPair -Name $name).Fingerprint | Should -Be $keyPair.Fingerprint
        }
    }

    It 'generates locally below 2.92 too when -KeyAlgorithm is given, and the server generates when it is not' {
        Connect-TestAccount $Target -ApiVersion 2.72

        (New-VietnixKeyPair -Name chosen -KeyAlgorithm Ed25519 -PrivateKeyPath (Join-Path $TestDrive 'chosen')).Origin | Should -Be 'GeneratedLocally'
        (New-VietnixKeyPair -Name served -PrivateKeyPath (Join-Path $TestDrive 'served.pem')).Origin | Should -Be 'GeneratedByServer'
        Get-Content (Join-Path $TestDrive 'served.pem.pub') | Should -Be (Get-VietnixKeyPair -Name served).PublicKey
    }

    It 'refuses to overwrite a key file without -Force, before anything is sent, and replaces it with -Force' {
        $keyFile = Join-Path $TestDrive 'existing'
        Set-Content -Path $keyFile -Value 'an older key'

        New-VietnixKeyPair -Name existing -KeyAlgorithm Ed25519 -PrivateKeyPath $keyFile -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'PrivateKeyFileExists,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand'
        Get-Content $keyFile | Should -Be 'an older key'
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty

        (New-VietnixKeyPair -Name existing -KeyAlgorithm Ed25519 -PrivateKeyPath $keyFile -Force).Origin | Should -Be 'GeneratedLocally'
        (& ssh-keygen -y -f $keyFile) | Should -Match '^ssh-ed25519 '
        (& stat -c '%a' $keyFile) | Should -Be '600'
    }

    It 'writes no file and sends nothing with -WhatIf' {
        $keyFile = Join-Path $TestDrive 'whatif-local'

        New-VietnixKeyPair -Name whatif-local -KeyAlgorithm Rsa -PrivateKeyPath $keyFile -WhatIf

        Test-Path $keyFile, "$keyFile.pub" | Should -Be @($false, $false)
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }

    It 'refuses a name already taken before generating or writing anything' {
        Import-VietnixKeyPair -Name taken -PublicKey $PublicKey | Out-Null
        $keyFile = Join-Path $TestDrive 'taken'

        New-VietnixKeyPair -Name taken -KeyAlgorithm Ed25519 -PrivateKeyPath $keyFile -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairAlreadyExists,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand'
        Test-Path $keyFile | Should -BeFalse
    }

    It 'keeps the key files when the import fails after they were written, and says where they are' {
        1..100 | ForEach-Object { Import-VietnixKeyPair -Name ('full{0:000}' -f $_) -PublicKey $PublicKey | Out-Null }
        $keyFile = Join-Path $TestDrive 'over-quota'

        New-VietnixKeyPair -Name over-quota -KeyAlgorithm Ed25519 -PrivateKeyPath $keyFile -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairQuotaExceeded,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand'
        $failure[0].ToString() | Should -Match ([regex]::Escape("The private key is kept in '$keyFile'"))
        (& ssh-keygen -y -f $keyFile) | Should -Match '^ssh-ed25519 '
        Test-Path "$keyFile.pub" | Should -BeTrue
    }
}

Describe 'Import-VietnixKeyPair' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
    }

    Context 'import at <ApiVersion>' -ForEach @(
        @{ ApiVersion = '2.1'; Status = 200; SendsType = $false }
        @{ ApiVersion = '2.2'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.10'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.35'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.72'; Status = 201; SendsType = $true }
        @{ ApiVersion = '2.92'; Status = 201; SendsType = $true }
        @{ ApiVersion = 'latest'; Status = 201; SendsType = $true }
    ) {
        It 'answers <Status> with the fields of that microversion' {
            Connect-TestAccount $Target -ApiVersion $ApiVersion
            $records = & { $DebugPreference = 'Continue'; Get-Content $Ed25519 | Import-VietnixKeyPair -Name "imp-$($ApiVersion -replace '\.', '-')" -Verbose 4>&1 5>&1 }
            $imported = @($records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })

            ($records | Get-TestHttpExchange | Where-Object Method -eq POST).Status | Should -Be $Status
            $answer = ($records | Get-TestLoggedBody | Where-Object Method -eq POST).Body.keypair
            $answer.PSObject.Properties.Name -contains 'type' | Should -Be $SendsType
            $answer.PSObject.Properties.Name | Should -Not -Contain 'private_key'
            $answer.user_id | Should -Be $Demo.id
            $imported[0].Fingerprint | Should -Be (Get-SshKeygenFingerprint $Ed25519 -Hash md5)
        }
    }

    It 'imports <Name> from Get-Content with the fingerprint ssh-keygen computes' -ForEach @(
        @{ Name = 'ed25519'; Key = { $Ed25519 } }
        @{ Name = 'rsa'; Key = { $Rsa } }
        @{ Name = 'ecdsa'; Key = { $Ecdsa } }
    ) {
        Connect-TestAccount $Target
        $path = & $Key

        $keyPair = Get-Content $path | Import-VietnixKeyPair -Name $Name

        $keyPair.Fingerprint | Should -Be (Get-SshKeygenFingerprint $path -Hash md5)
        $keyPair.PublicKey | Should -Be (Get-Content $path)
        (Get-VietnixKeyPair -Name $Name).Fingerprint | Should -Be $keyPair.Fingerprint
    }

    It 'imports an x509 certificate piped line by line, with the SHA-1 of its DER as fingerprint' {
        Connect-TestAccount $Target
        $keyPair = Get-Content $CertificatePath | Import-VietnixKeyPair -Name winrm-cert
        $keyPair.Type | Should -Be 'X509'
        $keyPair.Fingerprint | Should -Be $CertificateSha1
        (Get-VietnixKeyPair -Name winrm-cert).Type | Should -Be 'X509'
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
        It 'is accepted only when Nova accepts it, and refused before sending otherwise' {
            Connect-TestAccount $Target -ApiVersion $ApiVersion
            $keyPair = Import-VietnixKeyPair -Name $Name -Path $Ed25519 -ErrorVariable failure -ErrorAction SilentlyContinue

            if ($Accepted) {
                $keyPair.Name | Should -Be $Name
                (Get-VietnixKeyPair -Name $Name).Name | Should -Be $Name
            }
            else {
                $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidKeyPairName,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
                Get-TestKeyPairName $Target | Should -BeNullOrEmpty
            }
        }
    }

    It 'treats the same key under the same name as unchanged: the stored key pair is emitted and nothing is written' {
        Connect-TestAccount $Target
        $first = Import-VietnixKeyPair -Name twice -PublicKey $PublicKey
        $createdAt = (Invoke-TestNova $Target -Path 'os-keypairs/twice').keypair.created_at

        $records = Import-VietnixKeyPair -Name twice -PublicKey $PublicKey -Verbose -ErrorVariable failure 4>&1
        $again = @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] })

        $failure | Should -BeNullOrEmpty
        $again.Count | Should -Be 1
        $again[0].Fingerprint | Should -Be $first.Fingerprint
        $again[0].Origin | Should -BeNullOrEmpty
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "'twice' already holds this key ($($first.Sha256Fingerprint)): nothing changed."
        @($records | Get-TestHttpExchange | ForEach-Object { "$($_.Method) $($_.Status)" }) | Should -Be @('POST 409', 'GET 200')
        (Invoke-TestNova $Target -Path 'os-keypairs/twice').keypair.created_at | Should -Be $createdAt
        Get-TestKeyPairName $Target | Should -Be @('twice')
    }

    It 'warns when the same key comes with another description, and keeps the stored one' {
        Connect-TestAccount $Target
        Import-VietnixKeyPair -Name described -PublicKey $PublicKey -Description 'first' | Out-Null

        $again = Import-VietnixKeyPair -Name described -PublicKey $PublicKey -Description 'second' -WarningVariable warnings -ErrorVariable failure

        $failure | Should -BeNullOrEmpty
        $again.Description | Should -Be 'first'
        $warnings | Should -Match 'with another comment or description; nothing changed'
    }

    It 'reports another key under the same name as ResourceExists, and changes nothing' {
        Connect-TestAccount $Target
        $stored = Import-VietnixKeyPair -Name taken -PublicKey $PublicKey

        Import-VietnixKeyPair -Name taken -Path $Rsa -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairAlreadyExists,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure[0].TargetObject | Should -Be 'taken'
        $failure[0].ToString() | Should -Match "already exists with a different key \(fingerprint $($stored.Fingerprint)\)"
        $failure[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        (Invoke-TestNova $Target -Path 'os-keypairs/taken').keypair.fingerprint | Should -Be $stored.Fingerprint
    }

    It 'replaces another key under the same name with -Force: read, delete, then import' {
        Connect-TestAccount $Target
        Import-VietnixKeyPair -Name rotated -PublicKey $PublicKey | Out-Null

        $records = Import-VietnixKeyPair -Name rotated -Path $Rsa -Force -Verbose 4>&1
        $replaced = @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] })

        $replaced[0].Fingerprint | Should -Be (Get-SshKeygenFingerprint $Rsa)
        $replaced[0].Origin | Should -Be 'Imported'
        # -Force reads the name first, so that -Confirm and -WhatIf can say what would be replaced.
        @($records | Get-TestHttpExchange | ForEach-Object { "$($_.Method) $($_.Status)" }) | Should -Be @('GET 200', 'DELETE 204', 'POST 201')
        (Invoke-TestNova $Target -Path 'os-keypairs/rotated').keypair.fingerprint | Should -Be (Get-SshKeygenFingerprint $Rsa)
    }

    It 'replaces nothing with -Force -WhatIf' {
        Connect-TestAccount $Target
        $stored = Import-VietnixKeyPair -Name kept -PublicKey $PublicKey

        Import-VietnixKeyPair -Name kept -Path $Rsa -Force -WhatIf | Should -BeNullOrEmpty

        (Invoke-TestNova $Target -Path 'os-keypairs/kept').keypair.fingerprint | Should -Be $stored.Fingerprint
    }

    It 'reports the 101st key pair as QuotaExceeded' {
        Connect-TestAccount $Target
        1..100 | ForEach-Object { Import-VietnixKeyPair -Name ('q{0:000}' -f $_) -PublicKey $PublicKey | Out-Null }

        Import-VietnixKeyPair -Name q101 -PublicKey $PublicKey -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairQuotaExceeded,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $failure[0].ToString() | Should -Match 'Quota exceeded, too many key pairs'
    }

    It 'lets an admin import for demo with -UserId, and refuses a non-admin acting for another user' {
        Connect-TestAccount $Target -User admin
        (Import-VietnixKeyPair -Name for-demo -PublicKey $PublicKey -UserId $Demo.id).UserId | Should -Be $Demo.id
        Get-TestKeyPairName $Target -User demo | Should -Be @('for-demo')

        Connect-TestAccount $Target -User demo
        Import-VietnixKeyPair -Name steal -PublicKey $PublicKey -UserId $Admin.id -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairAccessDenied,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure[0].ToString() | Should -Match 'os-keypairs:create'
    }

    It 'imports nothing with -WhatIf' {
        Connect-TestAccount $Target
        Get-Content $Ed25519 | Import-VietnixKeyPair -Name whatif -WhatIf
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }

    It 'refuses a private key, or text that is not a key, before sending anything' {
        Connect-TestAccount $Target
        Get-Content ($Ed25519 -replace '\.pub$', '') | Import-VietnixKeyPair -Name secret -ErrorVariable failure -ErrorAction SilentlyContinue
        'hello world' | Import-VietnixKeyPair -Name junk -ErrorVariable +failure -ErrorAction SilentlyContinue

        $failure.FullyQualifiedErrorId | Should -Be @('InvalidPublicKey,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand', 'InvalidPublicKey,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand')
        $failure[0].ToString() | Should -Match 'private key'
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }
}
