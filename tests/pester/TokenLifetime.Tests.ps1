# Token renewal and revocation need the emulator's controls (token lifetime, revocation behind
# the client's back, the list of issued tokens), so these run against the emulator only.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $AuthUrl = $Emulator.AuthUrl
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestOsVariable
    Stop-TestEmulator $Emulator
}

Describe 'Token lifetime' {
    BeforeEach {
        Disconnect-VietnixAccount
        Reset-TestEmulator $Emulator
        Clear-TestOsVariable
    }

    It 'renews a token that is about to expire, before using it' {
        # 60 s is inside the module's renewal margin (120 s), so every use finds the token about to expire.
        Set-TestEmulatorSetting $Emulator @{ tokenLifetimeSeconds = 60 }
        Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo
        $issuedBefore = @(Get-TestEmulatorToken $Emulator | Where-Object { $_.userName -eq 'demo' -and $_.methods -contains 'password' -and $_.projectName }).Count
        Clear-TestEmulatorRequest $Emulator

        Get-VietnixKeyPair | Should -BeNullOrEmpty

        @(Get-TestEmulatorToken $Emulator | Where-Object { $_.userName -eq 'demo' -and $_.methods -contains 'password' -and $_.projectName }).Count | Should -Be ($issuedBefore + 1)
        $requests = @(Get-TestEmulatorRequest $Emulator)
        @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/v3/auth/tokens' }).Count | Should -Be 1
        ($requests | Where-Object path -match 'os-keypairs').status | Should -Be @(200)
    }

    It 'signs in again once when the compute API refuses the token' {
        Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo
        Revoke-TestEmulatorToken $Emulator -User demo
        Clear-TestEmulatorRequest $Emulator

        Get-VietnixKeyPair | Should -BeNullOrEmpty

        $requests = @(Get-TestEmulatorRequest $Emulator)
        ($requests | Where-Object path -match 'os-keypairs').status | Should -Be @(401, 200)
        @($requests | Where-Object path -eq '/v3/auth/tokens').Count | Should -Be 1
    }

    It 'says clearly that a token session cannot renew once its token has expired' {
        # Keystone two hours behind the module's clock: the token it issues for an hour, and the
        # project-scoped token the module exchanges it for (which keeps its expiry), expired an hour
        # ago for the module, without a test waiting for that. The module only learns a token's
        # expiry when it signs in, so this session is one command's own.
        Set-TestEmulatorClock $Emulator -Offset (New-TimeSpan -Hours -2)
        $token = ConvertTo-SecureString (New-TestKeystoneToken $Emulator) -AsPlainText -Force
        Clear-TestEmulatorRequest $Emulator

        $thrown = { Get-VietnixKeyPair -AuthUrl $AuthUrl -Token $token -ProjectName demo } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'TokenExpired,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        $thrown.ToString() | Should -Match 'cannot get a new one'
        $requests = @(Get-TestEmulatorRequest $Emulator)
        @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/v3/auth/tokens' }).Count | Should -Be 1
        # The token that one command obtained is revoked (or found already invalid) when the command ends.
        @($requests | Where-Object { $_.method -eq 'DELETE' -and $_.path -eq '/v3/auth/tokens' }).Count | Should -Be 1
        @($requests | Where-Object path -match 'os-keypairs').Count | Should -Be 0
    }

    It 'revokes the token it obtained on Disconnect-VietnixAccount' {
        Connect-VietnixAccount -AuthUrl $AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo
        Disconnect-VietnixAccount

        $issued = Get-TestEmulatorToken $Emulator | Where-Object { $_.userName -eq 'demo' -and $_.methods -contains 'password' } | Select-Object -Last 1
        $issued.revoked | Should -BeTrue
        Get-VietnixContext | Should -BeNullOrEmpty
    }
}
