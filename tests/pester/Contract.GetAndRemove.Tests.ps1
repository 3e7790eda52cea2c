# Contract tests: the same tests run against the emulator and against real Keystone and Nova.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Target = Get-TestTarget
    $Demo = Get-TestUser $Target 'demo'
    $Admin = Get-TestUser $Target 'admin'
    $PublicKey = Get-Content (New-TestSshKey -Folder $TestDrive -Type ed25519)

    function Add-TestKeyPair([string[]] $Name) {
        foreach ($item in $Name) { Import-VietnixKeyPair -Name $item -PublicKey $PublicKey | Out-Null }
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestKeyPair $Target
    Stop-TestTarget $Target
}

Describe 'Get-VietnixKeyPair' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    It 'shows the detail view for an exact name, percent-encoded in the path' {
        Add-TestKeyPair 'web one'

        $records = Get-VietnixKeyPair -Name 'web one' -Verbose 4>&1
        $keyPair = @($records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })

        ($records | Get-TestHttpExchange).Url | Should -Match '/os-keypairs/web%20one$'
        $keyPair[0].Name | Should -Be 'web one'
        $keyPair[0].CreatedAt.Kind | Should -Be 'Utc'
        $keyPair[0].CreatedAt | Should -BeGreaterThan ([DateTime]::UtcNow.AddMinutes(-10))
        $keyPair[0].UserId | Should -Be $Demo.id
    }

    It 'lists everything, or what matches wildcards, sorted by name' {
        Add-TestKeyPair 'b-web', 'a-web', 'db'

        (Get-VietnixKeyPair).Name | Should -Be @('a-web', 'b-web', 'db')
        (Get-VietnixKeyPair -Name '*web').Name | Should -Be @('a-web', 'b-web')
        Get-VietnixKeyPair -Name 'zz*' | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating ObjectNotFound for a missing name and goes on' {
        Add-TestKeyPair 'present'

        $found = Get-VietnixKeyPair -Name 'missing', 'present' -ErrorVariable failure -ErrorAction SilentlyContinue

        $found.Name | Should -Be 'present'
        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairNotFound,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].TargetObject | Should -Be 'missing'
        $failure[0].ToString() | Should -Match "Keypair missing not found for user $($Demo.id)"
    }

    # Nova links a next page whenever a page is full, so 4 key pairs end with an empty third page.
    It 'follows every page with a page size of 2 (<Count> key pairs)' -ForEach @(
        @{ Count = 5 }
        @{ Count = 4 }
    ) {
        Add-TestKeyPair (1..$Count | ForEach-Object { "key-$_" })
        Connect-TestAccount $Target -ApiVersion 2.35

        $records = Get-VietnixKeyPair -PageSize 2 -Verbose 4>&1
        $listed = @($records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })

        $listed.Name | Should -Be (1..$Count | ForEach-Object { "key-$_" })
        $lists = @($records | Get-TestHttpExchange | Where-Object { $_.Method -eq 'GET' -and $_.Url -match 'os-keypairs\?' })
        $lists.Count | Should -Be 3
        $lists[1].Url | Should -Match 'marker=key-2'
        $lists[2].Url | Should -Match 'marker=key-4'
    }

    It 'reads the whole list in one request below 2.35' {
        Add-TestKeyPair 'p1', 'p2', 'p3'
        Connect-TestAccount $Target -ApiVersion 2.34

        $records = Get-VietnixKeyPair -PageSize 1 -Verbose 4>&1
        $listed = @($records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })

        $listed.Count | Should -Be 3
        @($records | Get-TestHttpExchange | Where-Object Method -eq GET | Where-Object Url -match 'os-keypairs').Count | Should -Be 1
    }

    It 'infers the type at 2.1, where Nova does not send it' {
        Add-TestKeyPair 'old'
        Connect-TestAccount $Target -ApiVersion 2.1
        (Get-VietnixKeyPair -Name old).Type | Should -Be 'Ssh'
    }

    It 'lets an admin list another user''s key pairs, and refuses it to others' {
        Add-TestKeyPair 'demo-key'

        Connect-TestAccount $Target -User admin
        $listed = Get-VietnixKeyPair -UserId $Demo.id
        $listed.Name | Should -Be 'demo-key'
        $listed.UserId | Should -Be $Demo.id

        Connect-TestAccount $Target -User demo
        Get-VietnixKeyPair -UserId $Admin.id -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure[0].ToString() | Should -Match 'os-keypairs:index'
    }

    It 'refuses -UserId below 2.10 instead of silently reading the caller''s keys' {
        Connect-TestAccount $Target -ApiVersion 2.9
        $records = Get-VietnixKeyPair -UserId $Admin.id -Verbose -ErrorVariable failure -ErrorAction SilentlyContinue 4>&1
        $failure[0].FullyQualifiedErrorId | Should -Be 'MicroversionTooLow,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        $records | Get-TestHttpExchange | Where-Object Url -match 'os-keypairs' | Should -BeNullOrEmpty
    }
}

Describe 'Remove-VietnixKeyPair' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    It 'deletes nothing with -WhatIf' {
        Add-TestKeyPair 'keep'
        Remove-VietnixKeyPair -Name keep -WhatIf
        Get-VietnixKeyPair | Remove-VietnixKeyPair -WhatIf -Force
        Get-TestKeyPairName $Target | Should -Be @('keep')
    }

    It 'removes at <ApiVersion>, where Nova answers <Status>' -ForEach @(
        @{ ApiVersion = '2.1'; Status = 202 }
        @{ ApiVersion = '2.2'; Status = 204 }
        @{ ApiVersion = '2.72'; Status = 204 }
        @{ ApiVersion = 'latest'; Status = 204 }
    ) {
        Add-TestKeyPair 'doomed'
        Connect-TestAccount $Target -ApiVersion $ApiVersion

        $records = Remove-VietnixKeyPair -Name doomed -Force -Verbose 4>&1

        ($records | Get-TestHttpExchange | Where-Object Method -eq DELETE).Status | Should -Be $Status
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }

    It 'takes key pairs from Get-VietnixKeyPair through the pipeline' {
        Add-TestKeyPair 'x1', 'x2', 'keep'
        Get-VietnixKeyPair -Name 'x*' | Remove-VietnixKeyPair -Confirm:$false
        Get-TestKeyPairName $Target | Should -Be @('keep')
    }

    It 'lets an admin remove demo''s key pairs listed with -UserId' {
        Add-TestKeyPair 'demo-a', 'demo-b'
        Connect-TestAccount $Target -User admin
        Get-VietnixKeyPair -UserId $Demo.id | Remove-VietnixKeyPair -Force
        Get-TestKeyPairName $Target -User demo | Should -BeNullOrEmpty
    }

    It 'writes ObjectNotFound for a missing name and removes the others' {
        Add-TestKeyPair 'there'
        Remove-VietnixKeyPair -Name 'not-there', 'there' -Force -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairNotFound,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand'
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }

    It 'asks first, so a non-interactive session without -Force removes nothing' {
        Add-TestKeyPair 'asked'
        $command = "Import-Module '$env:VIETNIX_TEST_MODULE'; " +
            "Connect-VietnixAccount -Token (ConvertTo-SecureString '$($Demo.token)' -AsPlainText -Force) -ProjectId $($Demo.projectId) -Endpoint $($Target.ComputeUrl); " +
            "Remove-VietnixKeyPair -Name asked"

        $output = Invoke-TestPwsh $command

        ($output | Out-String) | Should -Match 'NonInteractive'
        Get-TestKeyPairName $Target | Should -Be @('asked')
    }
}

Describe 'Key pair properties derived from the public key' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    It 'gives every listed and shown key pair the Algorithm, KeySize and SHA256 fingerprint ssh-keygen prints' {
        $rsa = New-TestSshKey -Folder $TestDrive -Type rsa -Bits 3072 -Name derived_rsa
        Import-VietnixKeyPair -Path $rsa | Out-Null
        $expected = (& ssh-keygen -l -f $rsa) -split ' '

        foreach ($keyPair in @(Get-VietnixKeyPair), (Get-VietnixKeyPair -Name derived_rsa)) {
            $keyPair.Sha256Fingerprint | Should -Be $expected[1]
            $keyPair.KeySize | Should -Be ([int]$expected[0])
            "($($keyPair.Algorithm))" | Should -Be $expected[-1]
            $keyPair.Origin | Should -BeNullOrEmpty
        }
    }
}

Describe 'Test-VietnixKeyPair' -Tag 'Contract' {
    BeforeAll {
        $KeyFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'compare')
        $Stored = New-TestSshKey -Folder $KeyFolder -Type ed25519 -Name stored
        $Other = New-TestSshKey -Folder $KeyFolder -Type ecdsa -Bits 256 -Name other
    }

    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
        Import-VietnixKeyPair -Path $Stored | Out-Null
    }

    It 'returns $true for the stored key, from a file, from text and from piped lines' {
        Test-VietnixKeyPair -Name stored -Path $Stored | Should -BeTrue
        Test-VietnixKeyPair -Name stored -PublicKey (Get-Content $Stored) | Should -BeTrue
        Get-Content $Stored | Test-VietnixKeyPair -Name stored | Should -BeTrue
    }

    It 'returns $false for another key, and for a name the server does not have, without an error' {
        Test-VietnixKeyPair -Name stored -Path $Other -ErrorVariable failure | Should -BeFalse
        Test-VietnixKeyPair -Name missing -Path $Stored -ErrorVariable +failure | Should -BeFalse
        $failure | Should -BeNullOrEmpty
    }

    It 'tells the status and both fingerprints with -Detailed, as ssh-keygen and Nova print them' {
        $comparisons = Get-ChildItem $KeyFolder -Filter *.pub | Test-VietnixKeyPair -Detailed | Sort-Object Name

        $comparisons.Name | Should -Be @('other', 'stored')
        $comparisons.Status | Should -Be @('NotFound', 'Match')
        $comparisons[0].ServerFingerprint | Should -BeNullOrEmpty
        $comparisons[0].LocalFingerprint | Should -Be (Get-SshKeygenFingerprint $Other)
        $comparisons[1].Matches | Should -BeTrue
        $comparisons[1].ServerFingerprint | Should -Be (Get-SshKeygenFingerprint $Stored)
        $comparisons[1].LocalSha256Fingerprint | Should -Be (Get-SshKeygenFingerprint $Stored -Hash sha256)
        $comparisons[1].ServerSha256Fingerprint | Should -Be (Get-SshKeygenFingerprint $Stored -Hash sha256)
        $comparisons[1].Path | Should -Be $Stored

        $mismatch = Test-VietnixKeyPair -Name stored -Path $Other -Detailed
        $mismatch.Status | Should -Be 'Mismatch'
        $mismatch.Matches | Should -BeFalse
        $mismatch.Algorithm | Should -Be 'ECDSA'
    }

    It 'changes nothing on the server' {
        $records = Test-VietnixKeyPair -Name stored -Path $Other -Verbose 4>&1
        @($records | Get-TestHttpExchange).Method | Should -Be @('GET')
        Get-TestKeyPairName $Target | Should -Be @('stored')
    }

    It 'compares the public half of an OpenSSH private key file, without its passphrase' {
        Test-VietnixKeyPair -Name stored -Path ($Stored -replace '\.pub$', '') | Should -BeTrue
    }

    It 'refuses key text without -Name, and a private key it cannot take the public half from, before sending anything' {
        Test-VietnixKeyPair -PublicKey (Get-Content $Stored) -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'NameRequired,Vietnix.Keypairs.Commands.TestVietnixKeyPairCommand'

        # PEM, unlike OpenSSH's own format, keeps no public key in the clear.
        $pemFile = Join-Path $TestDrive 'pem-private'
        & ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f $pemFile
        $private = Get-Content -Raw $pemFile
        Test-VietnixKeyPair -Name stored -PublicKey $private -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidPublicKey,Vietnix.Keypairs.Commands.TestVietnixKeyPairCommand'
        $failure[0].ToString() | Should -Not -Match ([regex]::Escape(($private -split "`n")[1]))
    }
}
