BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $PublicKey = Get-Content (New-TestSshKey -Folder $TestDrive -Type ed25519)

    function Add-TestKeyPair([string[]] $Name) {
        foreach ($item in $Name) { Import-VietnixKeyPair -Name $item -PublicKey $PublicKey | Out-Null }
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Emulator
}

Describe 'Get-VietnixKeyPair' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Connect-TestAccount $Emulator
    }

    It 'shows the detail view for an exact name' {
        Add-TestKeyPair 'web one'
        Clear-TestEmulatorRequest $Emulator

        $keyPair = Get-VietnixKeyPair -Name 'web one'

        $keyPair.Name | Should -Be 'web one'
        $keyPair.CreatedAt.Kind | Should -Be 'Utc'
        $keyPair.UserId | Should -Be (Get-TestUser $Emulator 'demo').id
        (Get-TestEmulatorRequest $Emulator -Method GET).path | Should -Match '/os-keypairs/web%20one$'
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
    }

    # Nova links a next page whenever a page is full, so 4 key pairs end with an empty third page.
    It 'follows every page when the server pages (<Count> key pairs, page size 2)' -ForEach @(
        @{ Count = 5; ExpectedListRequests = 3 }
        @{ Count = 4; ExpectedListRequests = 3 }
    ) {
        Add-TestKeyPair (1..$Count | ForEach-Object { "key-$_" })
        Set-TestEmulatorSetting $Emulator @{ maxLimit = 2 }
        Connect-TestAccount $Emulator -ApiVersion 2.35
        Clear-TestEmulatorRequest $Emulator

        (Get-VietnixKeyPair).Count | Should -Be $Count

        $lists = @(Get-TestEmulatorRequest $Emulator -Method GET)
        $lists.Count | Should -Be $ExpectedListRequests
        $lists[1].query | Should -Match 'marker=key-2'
    }

    It 'asks for pages of -PageSize and still reads them all' {
        Add-TestKeyPair 'p1', 'p2', 'p3'
        Connect-TestAccount $Emulator -ApiVersion 2.35
        Clear-TestEmulatorRequest $Emulator

        (Get-VietnixKeyPair -PageSize 1).Name | Should -Be @('p1', 'p2', 'p3')
        $lists = @(Get-TestEmulatorRequest $Emulator -Method GET)
        $lists.Count | Should -Be 4
        $lists[0].query | Should -Be 'limit=1'
    }

    It 'reads the whole list in one request below 2.35' {
        Add-TestKeyPair 'p1', 'p2', 'p3'
        Set-TestEmulatorSetting $Emulator @{ maxLimit = 2 }
        Connect-TestAccount $Emulator -ApiVersion 2.34
        Clear-TestEmulatorRequest $Emulator

        (Get-VietnixKeyPair -PageSize 1).Count | Should -Be 3
        @(Get-TestEmulatorRequest $Emulator -Method GET).Count | Should -Be 1
    }

    It 'infers the type at 2.1, where Nova does not send it' {
        Add-TestKeyPair 'old'
        Connect-TestAccount $Emulator -ApiVersion 2.1
        (Get-VietnixKeyPair -Name old).Type | Should -Be 'Ssh'
    }

    It 'lets an admin list another user''s key pairs, and refuses it to others' {
        Add-TestKeyPair 'demo-key'
        $demo = Get-TestUser $Emulator 'demo'
        $admin = Get-TestUser $Emulator 'admin'

        Connect-TestAccount $Emulator -User admin
        $listed = Get-VietnixKeyPair -UserId $demo.id
        $listed.Name | Should -Be 'demo-key'
        $listed.UserId | Should -Be $demo.id

        Connect-TestAccount $Emulator -User demo
        Get-VietnixKeyPair -UserId $admin.id -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'refuses -UserId below 2.10 instead of silently listing the caller''s keys' {
        Connect-TestAccount $Emulator -ApiVersion 2.9
        Clear-TestEmulatorRequest $Emulator
        Get-VietnixKeyPair -UserId 'someone' -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'MicroversionTooLow,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        Get-TestEmulatorRequest $Emulator | Should -BeNullOrEmpty
    }
}

Describe 'Remove-VietnixKeyPair' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Connect-TestAccount $Emulator
    }

    It 'deletes nothing with -WhatIf' {
        Add-TestKeyPair 'keep'
        Remove-VietnixKeyPair -Name keep -WhatIf
        Get-VietnixKeyPair -Name keep | Should -Not -BeNullOrEmpty
        Get-TestEmulatorRequest $Emulator -Method DELETE | Should -BeNullOrEmpty
    }

    It 'removes at <ApiVersion>, where Nova answers <Status>' -ForEach @(
        @{ ApiVersion = '2.1'; Status = 202 }
        @{ ApiVersion = '2.2'; Status = 204 }
        @{ ApiVersion = '2.93'; Status = 204 }
    ) {
        Add-TestKeyPair 'doomed'
        Connect-TestAccount $Emulator -ApiVersion $ApiVersion

        Remove-VietnixKeyPair -Name doomed -Force

        (Get-TestEmulatorRequest $Emulator -Method DELETE).status | Should -Be $Status
        Get-VietnixKeyPair | Should -BeNullOrEmpty
    }

    It 'takes key pairs from Get-VietnixKeyPair through the pipeline' {
        Add-TestKeyPair 'x1', 'x2', 'keep'
        Get-VietnixKeyPair -Name 'x*' | Remove-VietnixKeyPair -Confirm:$false
        (Get-VietnixKeyPair).Name | Should -Be 'keep'
    }

    It 'writes ObjectNotFound for a missing name and removes the others' {
        Add-TestKeyPair 'there'
        Remove-VietnixKeyPair -Name 'not-there', 'there' -Force -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyPairNotFound,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand'
        Get-VietnixKeyPair | Should -BeNullOrEmpty
    }

    It 'asks first, so a non-interactive session without -Force removes nothing' {
        Add-TestKeyPair 'asked'
        $demo = Get-TestUser $Emulator 'demo'
        $command = "Import-Module '$env:VIETNIX_TEST_MODULE'; " +
            "Connect-VietnixAccount -Token (ConvertTo-SecureString '$($demo.token)' -AsPlainText -Force) -ProjectId $($demo.projectId) -Endpoint $($Emulator.ComputeUrl); " +
            "Remove-VietnixKeyPair -Name asked"

        $output = Invoke-TestPwsh $command

        ($output | Out-String) | Should -Match 'NonInteractive'
        Get-TestEmulatorRequest $Emulator -Method DELETE | Should -BeNullOrEmpty
        Get-VietnixKeyPair -Name asked | Should -Not -BeNullOrEmpty
    }
}
