# Tab completion (issue 10 item 4), through TabExpansion2 as the prompt calls it, against the
# emulator: -Cloud from clouds.yaml, -Region, -Interface, -ApiVersion, and -Name from the session,
# cached, never signing in and never holding the prompt for a slow server.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $Keys = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $Ed25519 = New-TestSshKey -Folder $Keys -Type ed25519 -Name deploy-one

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestOsVariable
    Stop-TestTarget $Emulator
}

Describe 'Completing connection parameters' -Tag 'Habits' {
    BeforeEach {
        Disconnect-VietnixAccount
        Clear-TestOsVariable
    }

    It 'completes -Cloud with the clouds of the clouds.yaml the module reads: OS_CLIENT_CONFIG_FILE first, then the current location' {
        $named = Join-Path $TestDrive 'named.yaml'
        Set-Content $named "clouds:`n  prod-hcm:`n    auth:`n      auth_url: http://127.0.0.1:1/v3`n  prod-hn:`n    region_name: HN`n  lab: {}"
        $here = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'here') -Force
        Set-Content (Join-Path $here 'clouds.yaml') "clouds:`n  local-only: {}"

        Push-Location $here
        try {
            (Get-Completion 'Get-VietnixKeyPair -Cloud ').CompletionText | Should -Be @('local-only')
            $env:OS_CLIENT_CONFIG_FILE = $named
            (Get-Completion 'Get-VietnixKeyPair -Cloud prod').CompletionText | Should -Be @('prod-hcm', 'prod-hn')
            (Get-Completion 'Connect-VietnixAccount -Cloud ').CompletionText | Should -Be @('prod-hcm', 'prod-hn', 'lab')
        }
        finally {
            Pop-Location
        }
    }

    It 'completes -Interface and -ApiVersion with sensible values' {
        (Get-Completion 'Get-VietnixKeyPair -Interface ').CompletionText | Should -Be @('public', 'internal', 'admin')
        (Get-Completion 'Get-VietnixKeyPair -Interface in').CompletionText | Should -Be @('internal')
        $versions = (Get-Completion 'Connect-VietnixAccount -ApiVersion ').CompletionText
        $versions | Should -Contain 'latest'
        $versions | Should -Contain '2.72'
        $versions | Should -Contain '2.92'
        (Get-Completion 'New-VietnixKeyPair -ApiVersion 2.9').CompletionText | Should -Be @('2.91', '2.92')
    }

    It 'completes -Region from the catalog of the session, and -ApiVersion with its server''s newest, without a request' {
        Connect-VietnixAccount -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo | Out-Null
        Clear-TestEmulatorRequest $Emulator

        (Get-Completion 'Get-VietnixKeyPair -Region ').CompletionText | Should -Be @($Emulator.Regions | Sort-Object -Unique)
        (Get-Completion 'Get-VietnixKeyPair -ApiVersion ').CompletionText | Should -Contain '2.93'
        @(Get-TestEmulatorRequest $Emulator).Count | Should -Be 0
    }

    It 'completes -Region with the region_name of the -Cloud being typed when not connected' {
        $env:OS_CLIENT_CONFIG_FILE = Join-Path $TestDrive 'regions.yaml'
        Set-Content $env:OS_CLIENT_CONFIG_FILE "clouds:`n  hanoi:`n    region_name: HN-1"

        (Get-Completion 'Get-VietnixKeyPair -Cloud hanoi -Region ').CompletionText | Should -Be @('HN-1')
    }
}

Describe 'Completing -Name from the session' -Tag 'Habits' {
    BeforeAll {
        Clear-TestOsVariable
        Connect-VietnixAccount -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo | Out-Null
    }

    BeforeEach {
        Clear-TestKeyPair $Emulator
        Import-VietnixKeyPair -Name deploy-one -Path $Ed25519 | Out-Null
        Import-VietnixKeyPair -Name 'deploy two' -Path $Ed25519 -Force | Out-Null
        Import-VietnixKeyPair -Name build -Path $Ed25519 | Out-Null
    }

    It 'completes -Name of <Command> with the session''s key pair names, quoting a name with a space' -ForEach @(
        @{ Command = 'Get-VietnixKeyPair' }
        @{ Command = 'Remove-VietnixKeyPair' }
        @{ Command = 'Test-VietnixKeyPair' }
    ) {
        (Get-Completion "$Command -Name dep").CompletionText | Should -Be @("'deploy two'", 'deploy-one')
        (Get-Completion "$Command -Name ").CompletionText | Should -Be @('build', "'deploy two'", 'deploy-one')
    }

    It 'keeps the names for a while: a key pair made by another client meanwhile is not read, and nothing is sent' {
        (Get-Completion 'Get-VietnixKeyPair -Name ').CompletionText | Should -Contain 'build'
        Clear-TestEmulatorRequest $Emulator
        $demo = Get-TestUser $Emulator 'demo'
        $body = @{ keypair = @{ name = 'elsewhere'; public_key = (Get-Content $Ed25519 -Raw).Trim() } } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri "$($Emulator.ComputeUrl)/os-keypairs" -Headers @{ 'X-Auth-Token' = $demo.token; 'X-OpenStack-Nova-API-Version' = '2.72' } -ContentType 'application/json' -Body $body | Out-Null
        Clear-TestEmulatorRequest $Emulator

        (Get-Completion 'Get-VietnixKeyPair -Name ').CompletionText | Should -Be @('build', "'deploy two'", 'deploy-one')
        @(Get-TestEmulatorRequest $Emulator | Where-Object { $_.path -like '*os-keypairs*' -and $_.method -eq 'GET' }).Count | Should -Be 0
    }

    It 'reads the names again after the module changed key pairs' {
        (Get-Completion 'Get-VietnixKeyPair -Name ').CompletionText | Should -Not -Contain 'added'
        Import-VietnixKeyPair -Name added -Path $Ed25519 | Out-Null
        Remove-VietnixKeyPair -Name build -Force

        (Get-Completion 'Get-VietnixKeyPair -Name ').CompletionText | Should -Be @('added', "'deploy two'", 'deploy-one')
    }

    It 'offers nothing, and sends nothing, for parameters that point elsewhere: <Label>' -ForEach @(
        @{ Label = '-Cloud'; Line = 'Get-VietnixKeyPair -Cloud other -Name ' }
        @{ Label = '-Region'; Line = 'Remove-VietnixKeyPair -Region RegionTwo -Name ' }
        @{ Label = '-UserId'; Line = 'Get-VietnixKeyPair -UserId someone -Name ' }
    ) {
        Remove-VietnixKeyPair -Name build -Force
        Clear-TestEmulatorRequest $Emulator

        @(Get-Completion $Line).Count | Should -Be 0
        @(Get-TestEmulatorRequest $Emulator).Count | Should -Be 0
    }

    It 'never signs in or prompts: without a session it offers nothing and sends nothing' {
        Disconnect-VietnixAccount
        $env:OS_AUTH_URL = $Emulator.AuthUrl
        $env:OS_USERNAME = 'demo'
        $env:OS_PASSWORD = (Get-TestUser $Emulator 'demo').password
        $env:OS_PROJECT_NAME = 'demo'
        Clear-TestEmulatorRequest $Emulator

        @(Get-Completion 'Get-VietnixKeyPair -Name ').Count | Should -Be 0
        @(Get-TestEmulatorRequest $Emulator).Count | Should -Be 0
        Clear-TestOsVariable
    }
}

Describe 'Completing -Name from a slow server' -Tag 'Habits' {
    BeforeAll {
        $Proxy = Start-TestFaultProxy -Upstream $Emulator.Url
        Clear-TestKeyPair $Emulator
        Import-VietnixKeyPair -Name deploy-one -Path $Ed25519 -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo | Out-Null
        # A token used as it is, through the loopback fault proxy in front of the emulator's Nova.
        $account = Get-TestUser $Emulator 'demo'
        $endpoint = ([uri] $Emulator.ComputeUrl).AbsoluteUri.Replace(([uri] $Emulator.ComputeUrl).GetLeftPart('Authority'), $Proxy.Url)
        Connect-VietnixAccount -Token (Get-TestToken $Emulator 'demo') -ProjectId $account.projectId -Endpoint $endpoint | Out-Null
    }

    AfterAll {
        Disconnect-VietnixAccount
        Stop-TestEmulator $Proxy
    }

    It 'does not hold the prompt: nothing at first while the server is slow, the names at a later Tab' {
        Set-TestFaultPlan $Proxy -Rule @(@{ Method = 'GET'; PathContains = '/os-keypairs'; Fault = 'Delay'; DelayMs = 4000; Every = 1; Times = 1 })

        $first = @(Get-Completion 'Get-VietnixKeyPair -Name ')

        $first.Count | Should -Be 0
        $later = @()
        foreach ($attempt in 1..40) {
            $later = @(Get-Completion 'Get-VietnixKeyPair -Name ')
            if ($later.Count) { break }
            Start-Sleep -Milliseconds 250
        }
        $later.CompletionText | Should -Be @('deploy-one')
    }
}
