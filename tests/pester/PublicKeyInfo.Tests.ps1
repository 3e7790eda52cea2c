# Get-VietnixPublicKeyInfo works offline: every value is checked against what ssh-keygen and
# openssl print for the same file.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Keys = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $Files = @{
        ed25519  = New-TestSshKey -Folder $Keys -Type ed25519
        rsa      = New-TestSshKey -Folder $Keys -Type rsa -Bits 2048
        ecdsa521 = New-TestSshKey -Folder $Keys -Type ecdsa -Bits 521 -Name id_ecdsa521
    }
    $Certificate = Join-Path $TestDrive 'cert.pem'
    & openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj '/CN=info-test' -keyout (Join-Path $TestDrive 'cert.key') -out $Certificate 2>$null
}

Describe 'Get-VietnixPublicKeyInfo' {
    It 'reads <_> exactly as ssh-keygen -l does' -ForEach 'ed25519', 'rsa', 'ecdsa521' {
        $file = $Files[$_]
        $printed = (& ssh-keygen -l -f $file) -split ' '

        $info = Get-VietnixPublicKeyInfo -Path $file

        $info.Type | Should -Be 'Ssh'
        $info.KeySize | Should -Be ([int]$printed[0])
        $info.Sha256Fingerprint | Should -Be $printed[1]
        $info.Comment | Should -Be $printed[2]
        "($($info.Algorithm))" | Should -Be $printed[3]
        $info.Md5Fingerprint | Should -Be (Get-SshKeygenFingerprint $file)
        $info.Fingerprint | Should -Be $info.Md5Fingerprint
        $info.Sha1Fingerprint | Should -BeNullOrEmpty
        $info.Path | Should -Be $file
    }

    It 'reads the public half of a private key file, with or without a passphrase, without asking for it (<Passphrase>)' -ForEach @(
        @{ Passphrase = 'none'; Arguments = @('-N', '') }
        @{ Passphrase = 'encrypted'; Arguments = @('-N', 'not given to the module', '-a', '16') }
    ) {
        $file = Join-Path $TestDrive "private-$Passphrase"
        & ssh-keygen -q -t ecdsa -b 384 @Arguments -f $file
        $printed = (& ssh-keygen -l -f "$file.pub") -split ' '

        $info = Get-VietnixPublicKeyInfo -Path $file

        $info.Sha256Fingerprint | Should -Be $printed[1]
        $info.KeySize | Should -Be 384
        $info.Algorithm | Should -Be 'ECDSA'
        $info.Md5Fingerprint | Should -Be (Get-SshKeygenFingerprint "$file.pub")
        $info.Path | Should -Be $file
    }

    It 'reads a PEM certificate piped from Get-Content, with the SHA-1 fingerprint openssl prints' {
        $sha1 = ((& openssl x509 -noout -fingerprint -sha1 -in $Certificate) -replace '^.*=', '').ToLowerInvariant()

        $info = Get-Content $Certificate | Get-VietnixPublicKeyInfo

        $info.Type | Should -Be 'X509'
        $info.Algorithm | Should -Be 'ECDSA'
        $info.KeySize | Should -Be 256
        $info.Sha1Fingerprint | Should -Be $sha1
        $info.Fingerprint | Should -Be $sha1
        $info.Sha256Fingerprint | Should -BeNullOrEmpty
    }

    It 'gives one object per key of an authorized_keys file, and per file from Get-ChildItem' {
        $authorizedKeys = Join-Path $TestDrive 'authorized_keys'
        $Files.Values | ForEach-Object { Get-Content $_ } | Set-Content $authorizedKeys

        @(Get-Content $authorizedKeys | Get-VietnixPublicKeyInfo).Count | Should -Be 3
        (Get-ChildItem $Keys -Filter *.pub | Get-VietnixPublicKeyInfo | Sort-Object Path).Path | Should -Be ($Files.Values | Sort-Object)
    }

    It 'shows the SHA256 fingerprint in its table, as ssh does' {
        $table = Get-VietnixPublicKeyInfo -Path $Files.ed25519 | Format-Table | Out-String -Width 250
        $table | Should -Match ([regex]::Escape((Get-SshKeygenFingerprint $Files.ed25519 -Hash sha256)))
    }

    It 'refuses a private key it cannot take the public half from without repeating it, and a missing file, one error each' {
        # OpenSSH's own format keeps the public key in the clear (read above); PEM does not.
        $pemFile = Join-Path $TestDrive 'pem-private'
        & ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f $pemFile
        $private = Get-Content -Raw $pemFile
        Get-VietnixPublicKeyInfo -PublicKey $private -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-VietnixPublicKeyInfo -Path (Join-Path $TestDrive 'none*.pub') -ErrorVariable +failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failure.FullyQualifiedErrorId | Should -Be @(
            'InvalidPublicKey,Vietnix.Keypairs.Commands.GetVietnixPublicKeyInfoCommand'
            'PublicKeyFileNotFound,Vietnix.Keypairs.Commands.GetVietnixPublicKeyInfoCommand')
        ($failure | Out-String) | Should -Not -Match ([regex]::Escape(($private -split "`n")[1]))
    }

    It 'makes no network call and needs no sign-in' {
        Disconnect-VietnixAccount
        $records = Get-VietnixPublicKeyInfo -Path $Files.rsa -Verbose 4>&1
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        $records.Algorithm | Should -Be 'RSA'
    }
}
