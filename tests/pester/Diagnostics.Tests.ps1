BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $Token = (Get-TestUser $Emulator 'demo').token
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Emulator
}

Describe '-Verbose and -Debug' {
    BeforeEach {
        Reset-TestEmulator $Emulator
    }

    It 'tells what was sent and what came back: method, URL, microversion, status, request id, time' {
        Connect-TestAccount $Emulator
        $verbose = Import-VietnixKeyPair -Name verbose -PublicKey (Get-Content (New-TestSshKey -Folder $TestDrive -Name verbose)) -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        $line = $verbose.Message | Where-Object { $_ -match '^POST ' }
        $line | Should -Match "^POST $([regex]::Escape($Emulator.ComputeUrl))/os-keypairs \[compute 2\.72\] -> 201 Created in \d+ ms, request id req-[0-9a-f-]+$"
    }

    It 'never shows a password, secret, token or private key in any stream or in a transcript, with -Verbose -Debug on every cmdlet' {
        $identity = Get-TestEmulatorIdentity $Emulator
        $demo = Get-TestUser $Emulator 'demo'
        $exchangeable = New-TestKeystoneToken $Emulator
        $transcript = Join-Path $TestDrive 'leak-transcript.txt'
        $localKey = Join-Path $TestDrive 'leak-local'
        $script = Join-Path $TestDrive 'leak.ps1'
        $publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e leak'
        Set-Content -Path $script -Value @"
`$ErrorActionPreference = 'Continue'
Import-Module '$env:VIETNIX_TEST_MODULE'
Start-Transcript -Path '$transcript' | Out-Null
`$password = [pscredential]::new('demo', (ConvertTo-SecureString '$($demo.password)' -AsPlainText -Force))
`$wrong = [pscredential]::new('demo', (ConvertTo-SecureString 'Wrong-$($demo.password)' -AsPlainText -Force))
`$application = [pscredential]::new('$($identity.applicationCredential.id)', (ConvertTo-SecureString '$($identity.applicationCredential.secret)' -AsPlainText -Force))
`$token = ConvertTo-SecureString '$exchangeable' -AsPlainText -Force
Connect-VietnixAccount -AuthUrl '$($identity.authUrl)' -Credential `$password -ProjectName demo -PassThru -Verbose -Debug | Format-List *
Get-VietnixContext -Verbose | Format-List *
New-VietnixKeyPair -Name leak-generated -Verbose -Debug | Format-List *
New-VietnixKeyPair -Name leak-local -KeyAlgorithm Ed25519 -PrivateKeyPath '$localKey' -Verbose -Debug | Format-List *
New-VietnixKeyPair -Name leak-local-unsaved -KeyAlgorithm Ecdsa -Verbose -Debug | Format-List *
New-VietnixKeyPair -Name leak-local-unsaved -KeyAlgorithm Ecdsa -Verbose -Debug | Format-List *
Import-VietnixKeyPair -Name leak-imported -PublicKey '$publicKey' -Verbose -Debug | Format-List *
Get-VietnixKeyPair -Verbose -Debug
Get-VietnixKeyPair -Name leak-imported, missing -Verbose -Debug | Format-List *
Remove-VietnixKeyPair -Name leak-generated, leak-imported, leak-local, leak-local-unsaved -Force -Verbose -Debug
Get-VietnixKeyPair -AuthUrl '$($identity.authUrl)' -ApplicationCredential `$application -Verbose -Debug
Connect-VietnixAccount -AuthUrl '$($identity.authUrl)' -ApplicationCredential `$application -Verbose -Debug
Disconnect-VietnixAccount -Verbose -Debug
Connect-VietnixAccount -AuthUrl '$($identity.authUrl)' -Token `$token -ProjectName demo -Verbose -Debug
Disconnect-VietnixAccount -Verbose -Debug
try { Connect-VietnixAccount -AuthUrl '$($identity.authUrl)' -Credential `$wrong -ProjectName demo -Verbose -Debug } catch { `$_ | Format-List * -Force }
`$Error | Format-List * -Force
Stop-Transcript | Out-Null
"@

        # -Debug makes a compiled cmdlet ask before each verbose or debug line; 'A' answers Yes to All.
        $output = Invoke-TestPwsh -File $script -Answer (1..800 | ForEach-Object { 'A' }) | Out-String

        $output | Should -Match 'POST .*/v3/auth/tokens'
        $output | Should -Match '"password":"<redacted>"'
        $output | Should -Match '"secret":"<redacted>"'
        $output | Should -Match '"private_key":"<redacted>"'
        $output | Should -Match 'AuthenticationFailed'
        $output | Should -Match 'GeneratedLocally'
        $output | Should -Match 'KeyPairAlreadyExists'
        $localKeyLines = @(Get-Content $localKey | Where-Object { $_ -notmatch '^-----' })
        $localKeyLines.Count | Should -BeGreaterThan 2
        $secrets = @($demo.password, "Wrong-$($demo.password)", $identity.applicationCredential.secret) +
            @(Get-TestEmulatorToken $Emulator -IncludeValue | ForEach-Object value)
        $secrets.Count | Should -BeGreaterThan 6
        foreach ($text in $output, (Get-Content -Raw $transcript)) {
            foreach ($secret in $secrets) {
                $text | Should -Not -Match ([regex]::Escape($secret))
            }
            $text | Should -Not -Match 'BEGIN RSA PRIVATE KEY'
            $text | Should -Not -Match 'BEGIN OPENSSH PRIVATE KEY'
            foreach ($line in $localKeyLines) {
                $text | Should -Not -Match ([regex]::Escape($line))
            }
        }
    }
}

Describe 'Requests on the wire' {
    It 'carry a Content-Length, no chunked body and no Expect: 100-continue' {
        Reset-TestEmulator $Emulator
        Connect-TestAccount $Emulator
        New-VietnixKeyPair -Name wire -WarningAction SilentlyContinue | Out-Null

        $post = Get-TestEmulatorRequest $Emulator -Method POST
        $post.chunked | Should -BeFalse
        $post.contentLength | Should -BeGreaterThan 0
        $post.headers.PSObject.Properties.Name | Should -Not -Contain 'Expect'
        $post.status | Should -Be 201
    }
}
