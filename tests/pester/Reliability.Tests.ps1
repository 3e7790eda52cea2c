# Faults a command meets on the way to Nova, injected by a loopback fault proxy (the emulator with
# --upstream) from a seeded plan: retries with their -Verbose notes, a garbage answer, an attempt past
# -TimeoutSec, and the stop after 5 items in a row cannot reach the endpoint.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    # Short backoff so the tests stay quick.
    $env:VIETNIX_RETRY_BASE_DELAY = '0.02'

    function Connect-ThroughProxy($Target, $Proxy) {
        $account = Get-TestUser $Target 'demo'
        $endpoint = ([uri] $Target.ComputeUrl).AbsoluteUri.Replace(([uri] $Target.ComputeUrl).GetLeftPart('Authority'), $Proxy.Url)
        # 5 retries, so the notes say 'of 5' and a test's single fault never defeats a command.
        Connect-VietnixAccount -Token (Get-TestToken $Target 'demo') -ProjectId $account.projectId -Endpoint $endpoint -ApiVersion 2.72 -MaxRetries 5
    }
}

Describe 'Faults a single command meets' {
    BeforeAll {
        $Nova = Start-TestEmulator
        $Proxy = Start-TestFaultProxy -Upstream $Nova.Url
        $Key = New-TestSshKey -Folder $TestDrive -Name single
    }

    AfterAll {
        Disconnect-VietnixAccount
        Stop-TestEmulator $Proxy
        Stop-TestEmulator $Nova
        Remove-Item env:VIETNIX_RETRY_BASE_DELAY -ErrorAction SilentlyContinue
    }

    BeforeEach {
        Reset-TestEmulator $Nova
        Connect-ThroughProxy $Nova $Proxy
    }

    It 'says in -Verbose why and how long it waits before each retry, honouring Retry-After' {
        Set-TestFaultPlan $Proxy -Rule @(@{ Method = 'GET'; Fault = 'Status'; Status = 503; RetryAfter = 1; Every = 1; Times = 1 })

        $records = Get-VietnixKeyPair -Verbose -ErrorVariable failed 4>&1

        $failed | Should -BeNullOrEmpty
        $notes = @(($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -like 'Retrying *')
        $notes.Count | Should -Be 1
        $notes[0] | Should -Match "^Retrying GET $([regex]::Escape($Proxy.Url))/v2\.1/(\S+/)?os-keypairs\S* in 1 s \(as the server's Retry-After asks; retry 1 of 5\) after 503 Service Unavailable\.$"
    }

    It 'gives a clear error for a garbage answer, never a crash, and tries the next item' {
        Set-TestFaultPlan $Proxy -Rule @(@{ Method = 'GET'; PathContains = '/os-keypairs/first'; Fault = 'Garbage'; Every = 1 })

        Get-VietnixKeyPair -Name first, second -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null

        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -Be 'UnexpectedResponse,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
        $failed[1].FullyQualifiedErrorId | Should -Be 'KeyPairNotFound,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
    }

    It 'abandons an attempt slower than -TimeoutSec, retries it, and succeeds' {
        Import-VietnixKeyPair -Path $Key | Out-Null
        Set-TestFaultPlan $Proxy -Rule @(@{ Method = 'GET'; PathContains = '/os-keypairs/single'; Fault = 'Delay'; DelayMs = 3000; Every = 1; Times = 1 })

        $records = Get-VietnixKeyPair -Name single -TimeoutSec 1 -Verbose -ErrorVariable failed 4>&1

        $failed | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Name | Should -Be 'single'
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -match 'after no answer within 1 s\.$' | Should -Not -BeNullOrEmpty
    }

    It 'ends the command when 5 items in a row cannot reach the endpoint, naming it and the last cause' {
        Set-TestFaultPlan $Proxy -Rule @(@{ Fault = 'Reset'; Every = 1 })

        $thrown = { 'a', 'b', 'c', 'd', 'e', 'f' | Remove-VietnixKeyPair -Force -MaxRetries 0 -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'EndpointUnreachable,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand' -PassThru

        $thrown.Exception.Message | Should -Match "^Stopping: 5 consecutive items failed to reach $([regex]::Escape($Proxy.Url))\. The last cause: Could not reach"
        @(Get-TestEmulatorRequest $Nova -Method DELETE).Count | Should -Be 0
    }
}
