# Bulk work under seeded fault plans, as a runbook meets them: 100 imports piped from Get-ChildItem and
# 10 server-side generations at 2.72, through a loopback fault proxy (the emulator with --upstream) in
# front of an emulated Nova. Whatever the plan does, the command reports each failed item once and
# nothing goes missing; a runbook that tries its failed items again ends with exactly the keys it
# asked for, no duplicate, no key pair on the server whose private key nobody holds.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'BulkRun.psm1') -Force
    $env:VIETNIX_RETRY_BASE_DELAY = '0.01'

    # Nova's default quota is 100 key pairs per user; the test holds 110.
    $Nova = Start-TestEmulator -ArgumentList @('--quota', '200')
    $Proxy = Start-TestFaultProxy -Upstream $Nova.Url

    $Keys = New-BulkKeyFolder -Folder (Join-Path $TestDrive 'keys') -Count 100
    $GeneratedNames = 1..10 | ForEach-Object { 'generated-{0:d2}' -f $_ }
    $PrivateKeyFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'private')

    function Invoke-UnderPlan([string] $Plan, [hashtable[]] $Rules) {
        # A clean Nova, a session through the proxy, then the imports and generations under the plan.
        Reset-TestEmulator $Nova
        Get-ChildItem -Path $PrivateKeyFolder | Remove-Item
        $account = Get-TestUser $Nova 'demo'
        $endpoint = ([uri] $Nova.ComputeUrl).AbsoluteUri.Replace(([uri] $Nova.ComputeUrl).GetLeftPart('Authority'), $Proxy.Url)
        $null = Connect-VietnixAccount -Token (Get-TestToken $Nova 'demo') -ProjectId $account.projectId -Endpoint $endpoint -ApiVersion 2.72
        Set-TestFaultPlan $Proxy -Seed 9 -Rule $Rules
        Clear-TestEmulatorRequest $Nova

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $run = [pscustomobject]@{
            Imports     = Invoke-BulkImport -Folder $Keys.Folder
            Generations = Invoke-BulkGeneration -Name $GeneratedNames -Folder $PrivateKeyFolder
            Injected    = Get-TestFaultCount $Proxy
            Sent        = $null
        }
        $seconds = $clock.Elapsed.TotalSeconds
        Set-TestFaultPlan $Proxy -Rule @()
        $run.Sent = @(Get-TestEmulatorRequest $Nova | Where-Object path -like '*/os-keypairs*')
        Write-Host (Format-BulkRun -Plan $Plan -Seconds $seconds -Injected $run.Injected -Imports $run.Imports -Generations $run.Generations -Sent $run.Sent)
        $run
    }

    function Assert-ExactlyTheKeysAskedFor {
        # Read from Nova itself, not through the proxy.
        Assert-ExactKeyPairSet -Stored @((Invoke-TestNova $Nova -ApiVersion 2.72).keypairs.keypair) -ImportedFingerprints $Keys.Fingerprints -GeneratedName $GeneratedNames -PrivateKeyFolder $PrivateKeyFolder
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Proxy
    Stop-TestEmulator $Nova
    Remove-Item env:VIETNIX_RETRY_BASE_DELAY -ErrorAction SilentlyContinue
}

Describe 'A 100-key import and 10 server-side generations under the flaky plan' {
    BeforeAll {
        # The plan of the issue: 20 % 503 (with Retry-After), 10 % resets before forwarding, 5 % 502.
        # A request meets the first rule that fires, so each probability is of the requests the rules
        # above let through. Retry-After 0 keeps the test quick; the module still waits what it says.
        $Run = Invoke-UnderPlan flaky @(
            @{ Fault = 'Status'; Status = 503; RetryAfter = 0; Probability = 0.20 }
            @{ Fault = 'Reset'; Probability = 0.10 / 0.80 }
            @{ Fault = 'Status'; Status = 502; Probability = 0.05 / 0.70 }
        )
    }

    It 'ends with exactly the 100 imported and 10 generated key pairs, each holding the key this computer has' {
        Assert-ExactlyTheKeysAskedFor
    }

    It 'met each fault of the plan, and every request the proxy failed was one Nova never saw' {
        $Run.Injected['Status503'] | Should -BeGreaterThan 0
        $Run.Injected['Reset'] | Should -BeGreaterThan 0
        $Run.Injected['Status502'] | Should -BeGreaterThan 0
        @($Run.Sent | Where-Object method -eq POST).Count | Should -Be 110 -Because 'a failed create is read back first, and sent again only when the name is free'
    }
}

Describe 'A 100-key import and 10 server-side generations when every third create loses its answer' {
    BeforeAll {
        $Run = Invoke-UnderPlan lost-answers @(@{ Method = 'POST'; PathContains = '/os-keypairs'; Fault = 'LoseResponse'; Every = 3 })
    }

    It 'ends with exactly the 100 imported and 10 generated key pairs, each holding the key this computer has' {
        Assert-ExactlyTheKeysAskedFor
    }

    It 'settles every lost answer by reading back: no error, and no import sent twice' {
        $Run.Imports.Errors + $Run.Generations.Errors | Should -Be 0
        $Run.Imports.Passes + $Run.Generations.Passes | Should -Be 2
        $Run.Injected['LoseResponse'] | Should -BeGreaterOrEqual 36 -Because 'every third of at least 110 creates lost its answer'
    }

    It 'deletes each generated key pair whose answer (and private key) was lost, once, and generates that name again' {
        $deletes = @($Run.Sent | Where-Object method -eq DELETE)
        $deletes.Count | Should -BeGreaterThan 0
        $deletes.path | Should -BeLike '*/os-keypairs/generated-*'
        @($Run.Sent | Where-Object method -eq POST).Count | Should -Be (110 + $deletes.Count) -Because 'only a generation whose orphan was deleted is sent again'
    }
}
