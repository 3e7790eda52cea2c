# Contract tests: every sign-in path, against the emulator and against real Keystone and Nova.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Target = Get-TestTarget
    $AuthUrl = $Target.AuthUrl
    $Demo = Get-TestUser $Target 'demo'
    $AppCredential = [pscredential]::new($Target.ApplicationCredential.id, (ConvertTo-SecureString $Target.ApplicationCredential.secret -AsPlainText -Force))
    $PublicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e sign-in'

    function Set-Openrc {
        # What sourcing Horizon's openrc leaves in the environment (the password typed at its prompt).
        $env:OS_AUTH_URL = $AuthUrl
        $env:OS_PROJECT_ID = $Demo.projectId
        $env:OS_PROJECT_NAME = 'demo'
        $env:OS_USER_DOMAIN_NAME = 'Default'
        $env:OS_PROJECT_DOMAIN_ID = 'default'
        $env:OS_USERNAME = 'demo'
        $env:OS_PASSWORD = $Demo.password
        $env:OS_REGION_NAME = 'RegionOne'
        $env:OS_INTERFACE = 'public'
        $env:OS_IDENTITY_API_VERSION = '3'
    }

    function Get-SignInBody([object[]] $Records) {
        ($Records | Get-TestLoggedBody -Kind request | Where-Object Url -match '/auth/tokens$' | Select-Object -First 1).Body
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestOsVariable
    Clear-TestKeyPair $Target
    Stop-TestTarget $Target
}

Describe 'Connect-VietnixAccount with Keystone' -Tag 'Contract' {
    BeforeEach {
        Disconnect-VietnixAccount
        Clear-TestKeyPair $Target
        Clear-TestOsVariable
    }

    It 'signs in with a password, scoped by project name, and takes the compute endpoint from the catalog' {
        $records = & { $DebugPreference = 'Continue'; Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -PassThru 5>&1 }
        $context = @($records | Where-Object { $_ -isnot [System.Management.Automation.DebugRecord] })

        $context[0].AuthenticationMethod | Should -Be 'Password'
        $context[0].UserName | Should -Be 'demo'
        $context[0].ProjectName | Should -Be 'demo'
        $context[0].ProjectId | Should -Be $Demo.projectId
        $context[0].Endpoint | Should -Be $Target.ComputeUrl
        $context[0].ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(30))
        $body = Get-SignInBody $records
        $body.auth.identity.password.user.name | Should -Be 'demo'
        $body.auth.identity.password.user.domain.name | Should -Be 'Default'
        $body.auth.identity.password.user.password | Should -Be '<redacted>'
        $body.auth.scope.project.name | Should -Be 'demo'
        Get-VietnixKeyPair | Should -BeNullOrEmpty
    }

    It 'signs in by project id and domain id too' {
        (Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -UserDomainId default -ProjectId $Demo.projectId -PassThru).ProjectName | Should -Be 'demo'
    }

    It 'chooses the endpoint by region and interface' {
        (Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -Region RegionTwo -PassThru).Endpoint.Host | Should -Be 'localhost'
        (Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -PassThru).Endpoint.AbsoluteUri | Should -Be $Target.ComputeUrl
        (Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -Interface internal -PassThru).Endpoint.AbsoluteUri | Should -Be "$($Target.ComputeUrl)/$($Demo.projectId)"
        Import-VietnixKeyPair -Name internal-key -PublicKey $PublicKey | Should -Not -BeNullOrEmpty
    }

    It 'lists the compute endpoints that exist when the catalog has none for the region' {
        $thrown = { Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -Region Nowhere } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'ComputeEndpointNotFound,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        $thrown.ToString() | Should -Match "region 'Nowhere'"
        $thrown.ToString() | Should -Match 'public in RegionTwo'
    }

    It 'says the password was refused, without repeating it' {
        $wrong = [pscredential]::new('demo', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $thrown = { Connect-VietnixAccount -AuthUrl $AuthUrl -Credential $wrong -ProjectName demo } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.ToString() | Should -Match "user 'demo' in domain 'Default'"
        ($thrown | Out-String) | Should -Not -Match 'not-the-password'
        Get-VietnixContext | Should -BeNullOrEmpty
    }

    It 'signs in once for a project that is not there, and names both causes' {
        $thrown = { Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName no-such-project } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        $thrown.ToString() | Should -Match "project 'no-such-project'"
        $thrown.ToString() | Should -Match 'the credentials are wrong'
        $thrown.ToString() | Should -Match 'no role on it'
    }

    It 'counts one wrong password once against the lockout' {
        $wrong = [pscredential]::new('demo', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $verbose = [System.Collections.Generic.List[object]]::new()
        { Connect-VietnixAccount -AuthUrl $AuthUrl -Credential $wrong -ProjectName demo -Verbose 4>&1 | ForEach-Object { $verbose.Add($_) } } |
            Should -Throw -ErrorId 'AuthenticationFailed,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        @($verbose | Get-TestHttpExchange | Where-Object Url -match '/auth/tokens$').Count | Should -Be 1
    }

    It 'signs in with an application credential, and sends no scope' {
        $records = & { $DebugPreference = 'Continue'; Connect-VietnixAccount -AuthUrl $AuthUrl -ApplicationCredential $AppCredential -PassThru 5>&1 }
        $context = @($records | Where-Object { $_ -isnot [System.Management.Automation.DebugRecord] })

        $context[0].AuthenticationMethod | Should -Be 'ApplicationCredential'
        $context[0].ProjectName | Should -Be 'demo'
        $body = Get-SignInBody $records
        $body.auth.PSObject.Properties.Name | Should -Not -Contain 'scope'
        $body.auth.identity.application_credential.secret | Should -Be '<redacted>'
        Import-VietnixKeyPair -Name via-app-credential -PublicKey $PublicKey | Should -Not -BeNullOrEmpty
    }

    It 'refuses an application credential named with a project, before sending anything' {
        $verbose = [System.Collections.Generic.List[object]]::new()
        $thrown = { Connect-VietnixAccount -AuthUrl $AuthUrl -ApplicationCredential $AppCredential -ProjectName demo -Verbose 4>&1 | ForEach-Object { $verbose.Add($_) } } |
            Should -Throw -ErrorId 'InvalidConnectionParameters,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand' -PassThru
        $thrown.ToString() | Should -Match 'Leave out -ProjectId and -ProjectName'
        $verbose | Get-TestHttpExchange | Should -BeNullOrEmpty
    }

    It 'uses a token directly with -ProjectId and -Endpoint' {
        $token = ConvertTo-SecureString (New-TestKeystoneToken $Target) -AsPlainText -Force
        (Connect-VietnixAccount -Token $token -ProjectId $Demo.projectId -Endpoint $Target.ComputeUrl -PassThru).AuthenticationMethod | Should -Be 'Token'
        Get-VietnixKeyPair | Should -BeNullOrEmpty
    }

    It 'exchanges a token at -AuthUrl for a project-scoped one' {
        $token = ConvertTo-SecureString (New-TestKeystoneToken $Target) -AsPlainText -Force
        $context = Connect-VietnixAccount -AuthUrl $AuthUrl -Token $token -ProjectName demo -PassThru
        $context.AuthenticationMethod | Should -Be 'Token (exchanged with Keystone)'
        $context.ProjectName | Should -Be 'demo'
        Get-VietnixKeyPair | Should -BeNullOrEmpty
    }

    It 'refuses a token Keystone does not know' {
        $stale = ConvertTo-SecureString 'gAAAAABnot-a-token-keystone-knows-at-all-0000000000000000' -AsPlainText -Force
        { Connect-VietnixAccount -AuthUrl $AuthUrl -Token $stale -ProjectName demo } |
            Should -Throw -ErrorId 'AuthenticationFailed,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
    }
}

Describe 'Signing in from what users already have' -Tag 'Contract' {
    BeforeEach {
        Disconnect-VietnixAccount
        Clear-TestKeyPair $Target
        Clear-TestOsVariable
    }

    It 'connects with no parameters after an openrc' {
        Set-Openrc
        $context = Connect-VietnixAccount -PassThru
        $context.UserName | Should -Be 'demo'
        $context.Source | Should -Match 'OS_'
    }

    It 'runs a command with no Connect at all from the OS_* variables' {
        Set-Openrc
        Import-VietnixKeyPair -Name from-env -PublicKey $PublicKey | Should -Not -BeNullOrEmpty
        (Get-VietnixKeyPair).Name | Should -Be 'from-env'
        Get-VietnixContext | Should -BeNullOrEmpty
    }

    It 'reads an application-credential openrc, ignoring a leftover project' {
        $env:OS_AUTH_TYPE = 'v3applicationcredential'
        $env:OS_AUTH_URL = $AuthUrl
        $env:OS_IDENTITY_API_VERSION = '3'
        $env:OS_REGION_NAME = 'RegionOne'
        $env:OS_INTERFACE = 'public'
        $env:OS_APPLICATION_CREDENTIAL_ID = $Target.ApplicationCredential.id
        $env:OS_APPLICATION_CREDENTIAL_SECRET = $Target.ApplicationCredential.secret
        $env:OS_PROJECT_NAME = 'admin'

        $verbose = (Connect-VietnixAccount -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message

        $verbose | Should -Contain 'The project given in the OS_* environment variables is not used: an application credential always works in its own project.'
        (Get-VietnixContext).ProjectName | Should -Be 'demo'
    }

    It 'says which variable is missing when OS_AUTH_URL is not set' {
        Set-Openrc
        Remove-Item env:OS_AUTH_URL
        $thrown = { Connect-VietnixAccount } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'SignInIncomplete,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        $thrown.ToString() | Should -Match 'OS_AUTH_URL'
    }

    It 'reads a cloud of clouds.yaml, with the password in secure.yaml' {
        $clouds = Join-Path $TestDrive 'clouds.yaml'
        $secure = Join-Path $TestDrive 'secure.yaml'
        Set-Content $clouds "clouds:`n  target:`n    auth:`n      auth_url: $AuthUrl`n      username: demo`n      project_name: demo`n      user_domain_name: Default`n      project_domain_name: Default`n    region_name: RegionTwo`n    compute_api_version: 2.35"
        Set-Content $secure "clouds:`n  target:`n    auth:`n      password: $($Demo.password)"
        $env:OS_CLIENT_CONFIG_FILE = $clouds
        $env:OS_CLIENT_SECURE_FILE = $secure

        $context = Connect-VietnixAccount -Cloud target -PassThru

        $context.Endpoint.Host | Should -Be 'localhost'
        $context.ApiVersion | Should -Be '2.35'
        $context.Source | Should -Match "cloud 'target'"
    }

    It 'uses OS_CLOUD when nothing else is given' {
        $clouds = Join-Path $TestDrive 'clouds.yaml'
        Set-Content $clouds "clouds:`n  target:`n    auth_type: v3applicationcredential`n    auth:`n      auth_url: $AuthUrl`n      application_credential_id: $($Target.ApplicationCredential.id)`n      application_credential_secret: $($Target.ApplicationCredential.secret)"
        $env:OS_CLIENT_CONFIG_FILE = $clouds
        $env:OS_CLOUD = 'target'

        Get-VietnixKeyPair | Should -BeNullOrEmpty
        (Connect-VietnixAccount -PassThru).AuthenticationMethod | Should -Be 'ApplicationCredential'
    }
}

Describe 'Sign-in parameters on each command' -Tag 'Contract' {
    BeforeEach {
        Disconnect-VietnixAccount
        Clear-TestKeyPair $Target
        Clear-TestOsVariable
    }

    It 'lets a runbook sign in for one call with a credential, and keeps no session' {
        Import-VietnixKeyPair -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -Name one-call -PublicKey $PublicKey | Out-Null
        Get-TestKeyPairName $Target | Should -Be @('one-call')
        Get-VietnixContext | Should -BeNullOrEmpty
    }

    It 'lets given credentials win over the session' {
        Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo
        Import-VietnixKeyPair -Name demo-key -PublicKey $PublicKey | Out-Null

        Get-VietnixKeyPair -Credential (Get-TestCredential $Target 'admin') -ProjectName admin | Should -BeNullOrEmpty
        (Get-VietnixKeyPair).Name | Should -Be 'demo-key'
    }

    It 'reuses the session''s sign-in to reach another region' {
        Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo

        $records = Get-VietnixKeyPair -Region RegionTwo -Verbose 4>&1

        $exchanges = @($records | Get-TestHttpExchange)
        $exchanges.Url | Should -Not -Match '/auth/tokens'
        ($exchanges | Where-Object Url -match 'os-keypairs').Url | Should -Match '^http://localhost:'
    }
}
