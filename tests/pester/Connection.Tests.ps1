BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $Demo = Get-TestUser $Emulator 'demo'
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Emulator
}

Describe 'Connect-VietnixAccount' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Disconnect-VietnixAccount
    }

    It 'keeps the session for the runspace and shows it without the token' {
        $context = Connect-TestAccount $Emulator -PassThru

        $context.Endpoint | Should -Be $Emulator.ComputeUrl
        $context.ProjectId | Should -Be $Demo.projectId
        $context.ApiVersion | Should -Be '2.72'
        $context.ServerMinApiVersion | Should -Be '2.1'
        $context.ServerMaxApiVersion | Should -Be '2.93'
        (Get-VietnixContext).Endpoint | Should -Be $Emulator.ComputeUrl
        (Get-VietnixContext | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($Demo.token))
        (Get-VietnixContext | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Demo.token))
    }

    It 'negotiates the newest microversion for latest' {
        Connect-TestAccount $Emulator -ApiVersion latest
        (Get-VietnixContext).ApiVersion | Should -Be '2.93'
    }

    It 'clamps a microversion the server does not serve, with a warning' {
        Connect-TestAccount $Emulator -ApiVersion 2.999 -WarningVariable warnings -WarningAction SilentlyContinue
        (Get-VietnixContext).ApiVersion | Should -Be '2.93'
        $warnings | Should -Match '2\.1 to 2\.93'
    }

    It 'discovers the range once and sends both version headers on every request' {
        Connect-TestAccount $Emulator
        Get-VietnixKeyPair | Out-Null
        Get-VietnixKeyPair | Out-Null

        $requests = Get-TestEmulatorRequest $Emulator
        @($requests | Where-Object path -match '^/v2\.1/?$').Count | Should -Be 1
        @($requests | Where-Object path -match 'os-keypairs').Count | Should -Be 3
        foreach ($request in $requests | Where-Object path -match 'os-keypairs') {
            $request.headers.'OpenStack-API-Version' | Should -Be 'compute 2.72'
            $request.headers.'X-OpenStack-Nova-API-Version' | Should -Be '2.72'
        }
    }

    It 'forgets the session on Disconnect-VietnixAccount' {
        Connect-TestAccount $Emulator
        Disconnect-VietnixAccount
        Get-VietnixContext | Should -BeNullOrEmpty
        { Get-VietnixKeyPair -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
    }

    It 'fails clearly when the endpoint does not answer' {
        { Connect-VietnixAccount -Token (Get-TestToken $Emulator) -ProjectId p -Endpoint 'http://127.0.0.1:9/v2.1' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConnectionFailed,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        Get-VietnixContext | Should -BeNullOrEmpty
    }

    It 'checks the token when connecting' {
        $wrong = ConvertTo-SecureString 'not-a-token' -AsPlainText -Force
        { Connect-VietnixAccount -Token $wrong -ProjectId $Demo.projectId -Endpoint $Emulator.ComputeUrl } |
            Should -Throw -ErrorId 'AuthenticationFailed,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        Get-VietnixContext | Should -BeNullOrEmpty
    }

    It 'refuses an unreadable -ApiVersion' {
        { Connect-TestAccount $Emulator -ApiVersion 'two' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConnectionParameters,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
    }
}

Describe 'Connection parameters on each command' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Disconnect-VietnixAccount
    }

    It 'lets a runbook make one call without Connect' {
        $keyPairs = Get-VietnixKeyPair -Token (Get-TestToken $Emulator) -ProjectId $Demo.projectId -Endpoint $Emulator.ComputeUrl
        $keyPairs | Should -BeNullOrEmpty
        Get-VietnixContext | Should -BeNullOrEmpty
        @(Get-TestEmulatorRequest $Emulator -Method GET | Where-Object path -match 'os-keypairs').Count | Should -Be 1
    }

    It 'lets given parameters win over the session' {
        Connect-TestAccount $Emulator -ApiVersion 2.72
        Get-VietnixKeyPair -ApiVersion 2.1 | Out-Null

        $list = Get-TestEmulatorRequest $Emulator -Method GET | Where-Object { $_.path -match 'os-keypairs$' -and $_.query -eq '' }
        $list.headers.'X-OpenStack-Nova-API-Version' | Should -Be '2.1'
        (Get-VietnixContext).ApiVersion | Should -Be '2.72'
    }

    It 'refuses a wrong token as a terminating AuthenticationError' {
        $wrong = ConvertTo-SecureString 'not-a-token' -AsPlainText -Force
        $thrown = { Get-VietnixKeyPair -Token $wrong -ProjectId $Demo.projectId -Endpoint $Emulator.ComputeUrl } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.ToString() | Should -Match 'requires authentication'
    }

    It 'warns every time certificate checks are off' {
        Connect-TestAccount $Emulator
        Get-VietnixKeyPair -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        $warnings | Should -Match 'certificate checks are off'
    }
}

Describe 'Secrets go only to the Keystone they were given for' {
    BeforeAll {
        # Another Keystone on loopback, which records whether a password reached it.
        $Other = Start-TestEmulator
    }

    AfterAll {
        Stop-TestEmulator $Other
    }

    BeforeEach {
        Reset-TestEmulator $Emulator
        Reset-TestEmulator $Other
        Disconnect-VietnixAccount
        Clear-TestOsVariable
    }

    AfterEach {
        Disconnect-VietnixAccount
        Clear-TestOsVariable
    }

    It 'sends the session''s password to no other Keystone named with -AuthUrl' {
        Connect-VietnixAccount -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo

        $thrown = { Get-VietnixKeyPair -AuthUrl $Other.AuthUrl } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -Be 'SignInIncomplete,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        $thrown.ToString() | Should -Match 'not used with'
        @(Get-TestEmulatorRequest $Other) | Should -BeNullOrEmpty
    }

    It 'gives no secret of a secure.yaml in another folder to a clouds.yaml in the current folder' {
        $userFolder = New-Item -ItemType Directory (Join-Path $TestDrive "home-openstack")
        $repository = New-Item -ItemType Directory (Join-Path $TestDrive 'cloned-repository')
        Set-Content (Join-Path $repository 'clouds.yaml') "clouds:`n  work:`n    auth:`n      auth_url: $($Other.AuthUrl)`n      username: demo`n      project_name: demo"
        $secure = Join-Path $userFolder "secure.yaml"
        Set-Content $secure "clouds:`n  work:`n    auth:`n      password: $((Get-TestUser $Emulator 'demo').password)"
        $env:OS_CLIENT_SECURE_FILE = $secure

        $warnings = [System.Collections.Generic.List[object]]::new()
        Push-Location $repository
        try {
            $thrown = { Get-VietnixKeyPair -Cloud work 3>&1 | ForEach-Object { $warnings.Add($_) } } | Should -Throw -PassThru
        }
        finally {
            Pop-Location
        }

        $thrown.FullyQualifiedErrorId | Should -Be 'SignInIncomplete,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        $warnings | Should -Match 'is not used'
        @(Get-TestEmulatorRequest $Other) | Should -BeNullOrEmpty
    }
}
