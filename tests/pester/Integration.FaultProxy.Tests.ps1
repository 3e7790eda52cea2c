# Integration only (real Keystone and Nova): bulk imports and server-side generations at 2.72 through
# the loopback fault proxy (the emulator with --upstream) in front of the real Nova, under a seeded plan
# that mixes the issue's two: every third create carried out and its answer dropped, and of the other
# requests 20 % 503 (with Retry-After), 10 % resets before forwarding and 5 % 502. The real Nova holds
# 100 key pairs per user, so this run is smaller than the emulator's 100 + 10.

BeforeDiscovery {
    $RealStack = $env:VIETNIX_TEST_TARGET -eq 'openstack'
}

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'BulkRun.psm1') -Force
    $env:VIETNIX_RETRY_BASE_DELAY = '0.05'
}

AfterAll {
    Remove-Item env:VIETNIX_RETRY_BASE_DELAY -ErrorAction SilentlyContinue
}

Describe 'Bulk work through a fault proxy in front of the real Nova' -Tag 'Integration' -Skip:(-not $RealStack) {
    BeforeAll {
        $Target = Get-TestTarget
        Clear-TestKeyPair $Target
        $Proxy = Start-TestFaultProxy -Upstream ([uri] $Target.ComputeUrl).GetLeftPart('Authority')
        $Keys = New-BulkKeyFolder -Folder (Join-Path $TestDrive 'keys') -Count 40 -Prefix 'proxied'
        $GeneratedNames = 1..4 | ForEach-Object { 'proxied-generated-{0}' -f $_ }
        $PrivateKeyFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'private')

        $account = Get-TestUser $Target 'demo'
        $endpoint = ([uri] $Target.ComputeUrl).AbsoluteUri.Replace(([uri] $Target.ComputeUrl).GetLeftPart('Authority'), $Proxy.Url)
        Connect-VietnixAccount -Token (Get-TestToken $Target 'demo') -ProjectId $account.projectId -Endpoint $endpoint -ApiVersion 2.72
        Set-TestFaultPlan $Proxy -Seed 9 -Rule @(
            @{ Method = 'POST'; PathContains = '/os-keypairs'; Fault = 'LoseResponse'; Every = 3 }
            @{ Fault = 'Status'; Status = 503; RetryAfter = 0; Probability = 0.20 }
            @{ Fault = 'Reset'; Probability = 0.10 / 0.80 }
            @{ Fault = 'Status'; Status = 502; Probability = 0.05 / 0.70 }
        )

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $Imports = Invoke-BulkImport -Folder $Keys.Folder
        $Generations = Invoke-BulkGeneration -Name $GeneratedNames -Folder $PrivateKeyFolder
        $Injected = Get-TestFaultCount $Proxy
        Set-TestFaultPlan $Proxy -Rule @()
        # The proxy's own log: what it received, faults and all.
        $Sent = @(Get-TestEmulatorRequest $Proxy | Where-Object path -like '*/os-keypairs*')
        Write-Host (Format-BulkRun -Plan 'real Nova, lost answers and flaky' -Seconds $clock.Elapsed.TotalSeconds -Injected $Injected -Imports $Imports -Generations $Generations -Sent $Sent)
    }

    AfterAll {
        Disconnect-VietnixAccount
        Stop-TestEmulator $Proxy
        Clear-TestKeyPair $Target
    }

    It 'ends with exactly the 40 imported and 4 generated key pairs, each holding the key this computer has' {
        # Read from Nova itself, not through the proxy.
        Assert-ExactKeyPairSet -Stored @((Invoke-TestNova $Target -ApiVersion 2.72).keypairs.keypair) -ImportedFingerprints $Keys.Fingerprints -GeneratedName $GeneratedNames -PrivateKeyFolder $PrivateKeyFolder
    }

    It 'met every fault of the plan' {
        $Injected['LoseResponse'] | Should -BeGreaterThan 0
        $Injected['Status503'] | Should -BeGreaterThan 0
        $Injected['Reset'] | Should -BeGreaterThan 0
    }
}
