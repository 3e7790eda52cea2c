<#
.SYNOPSIS
    Prints how fast and how large the module is: import time, per-call latency against the local
    emulator next to a hand-written Invoke-RestMethod doing the same requests, and memory.
.DESCRIPTION
    build.ps1 -Task Benchmark runs it. Numbers are medians of several runs on this machine; they are
    for comparing versions of the module, not absolute promises.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [int] $Runs = 15
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1')

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $sorted[[int][Math]::Floor($sorted.Count / 2)]
}

function Measure-Milliseconds([scriptblock] $Action, [int] $Count) {
    Get-Median (1..$Count | ForEach-Object { (Measure-Command $Action).TotalMilliseconds })
}

function Measure-ChildPwsh([string] $Command, [int] $Count) {
    Measure-Milliseconds { Invoke-TestPwsh $Command | Out-Null } $Count
}

$env:VIETNIX_TEST_EMULATOR = $EmulatorPath
$emulator = Start-TestEmulator
# The generated private keys go here; finally removes them whatever happens.
$keyFolder = Join-Path ([IO.Path]::GetTempPath()) "vietnix-bench-$([guid]::NewGuid().ToString('N'))"
try {
    $demo = Get-TestUser $emulator 'demo'
    $token = Get-TestToken $emulator 'demo'

    # Start-up: a new process that imports the module, against one that does nothing.
    $bare = Measure-ChildPwsh 'exit' 7
    $withImport = Measure-ChildPwsh "Import-Module '$ModulePath'; exit" 7
    $withCall = Measure-ChildPwsh ("Import-Module '$ModulePath'; " +
        "Get-VietnixKeyPair -Token (ConvertTo-SecureString '$($demo.token)' -AsPlainText -Force) -ProjectId $($demo.projectId) -Endpoint $($emulator.ComputeUrl) | Out-Null; exit") 7

    $before = [GC]::GetTotalMemory($true)
    Import-Module $ModulePath
    $afterImport = [GC]::GetTotalMemory($true)
    Connect-VietnixAccount -Token $token -ProjectId $demo.projectId -Endpoint $emulator.ComputeUrl
    $publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e bench'
    1..100 | ForEach-Object { Import-VietnixKeyPair -Name ('k-{0:000}' -f $_) -PublicKey $publicKey | Out-Null }

    $headers = @{ 'X-Auth-Token' = $demo.token; 'OpenStack-API-Version' = 'compute 2.72'; 'X-OpenStack-Nova-API-Version' = '2.72' }
    $listModule = Measure-Milliseconds { Get-VietnixKeyPair | Out-Null } $Runs
    $listRest = Measure-Milliseconds { (Invoke-RestMethod -Uri "$($emulator.ComputeUrl)/os-keypairs" -Headers $headers).keypairs.keypair | Out-Null } $Runs
    $showModule = Measure-Milliseconds { Get-VietnixKeyPair -Name k-050 | Out-Null } $Runs
    $showRest = Measure-Milliseconds { (Invoke-RestMethod -Uri "$($emulator.ComputeUrl)/os-keypairs/k-050" -Headers $headers).keypair | Out-Null } $Runs
    $afterCalls = [GC]::GetTotalMemory($true)

    # A new key pair with a key made on this machine and saved to a file, end to end, against the
    # other way to get there: ssh-keygen, then an import of its .pub.
    Set-TestEmulatorSetting $emulator @{ quota = 100000 }
    $keys = New-Item -ItemType Directory -Path $keyFolder
    $script:next = 0
    function New-BenchName { $script:next++; "gen-$($script:next)" }
    $newEd25519 = Measure-Milliseconds { $n = New-BenchName; New-VietnixKeyPair -Name $n -KeyAlgorithm Ed25519 -PrivateKeyPath (Join-Path $keys $n) | Out-Null } $Runs
    $newEcdsa = Measure-Milliseconds { $n = New-BenchName; New-VietnixKeyPair -Name $n -KeyAlgorithm Ecdsa -KeySize 384 -PrivateKeyPath (Join-Path $keys $n) | Out-Null } $Runs
    $newRsa = Measure-Milliseconds { $n = New-BenchName; New-VietnixKeyPair -Name $n -KeyAlgorithm Rsa -PrivateKeyPath (Join-Path $keys $n) | Out-Null } 9
    $sshKeygen = if (Get-Command ssh-keygen -ErrorAction SilentlyContinue) {
        Measure-Milliseconds { $n = New-BenchName; & ssh-keygen -q -t ed25519 -N '' -f (Join-Path $keys $n); Import-VietnixKeyPair -Name $n -Path (Join-Path $keys "$n.pub") | Out-Null } $Runs
    }

    # bcrypt_pbkdf at ssh-keygen's 16 rounds (issue 13: at most 2x ssh-keygen). Each side's cost is
    # its run with a passphrase minus the same run without one, measured alternately, so process
    # start-up and key generation cancel out.
    $kdf = if (Get-Command ssh-keygen -ErrorAction SilentlyContinue) {
        $plainFile = Join-Path $keys 'kdf-plain'; $protectedFile = Join-Path $keys 'kdf-protected'
        & ssh-keygen -q -t ed25519 -N '' -f $plainFile
        & ssh-keygen -q -t ed25519 -N 'bench passphrase' -a 16 -f $protectedFile
        $passphrase = ConvertTo-SecureString 'bench passphrase' -AsPlainText -Force
        $timings = @{ ModuleWith = @(); ModuleWithout = @(); KeygenWith = @(); KeygenWithout = @() }
        for ($i = 0; $i -lt $Runs; $i++) {
            $timings.ModuleWith += (Measure-Command { $n = New-BenchName; New-VietnixKeyPair -Name $n -KeyAlgorithm Ed25519 -PrivateKeyPath (Join-Path $keys $n) -Passphrase $passphrase | Out-Null }).TotalMilliseconds
            $timings.KeygenWith += (Measure-Command { & ssh-keygen -y -P 'bench passphrase' -f $protectedFile | Out-Null }).TotalMilliseconds
            $timings.ModuleWithout += (Measure-Command { $n = New-BenchName; New-VietnixKeyPair -Name $n -KeyAlgorithm Ed25519 -PrivateKeyPath (Join-Path $keys $n) | Out-Null }).TotalMilliseconds
            $timings.KeygenWithout += (Measure-Command { & ssh-keygen -y -f $plainFile | Out-Null }).TotalMilliseconds
        }
        [pscustomobject]@{
            Module = (Get-Median $timings.ModuleWith) - (Get-Median $timings.ModuleWithout)
            SshKeygen = (Get-Median $timings.KeygenWith) - (Get-Median $timings.KeygenWithout)
        }
    }

    $measures = @(
        [pscustomobject]@{ Measure = 'new pwsh process, nothing else (ms)'; Value = [Math]::Round($bare) }
        [pscustomobject]@{ Measure = 'new pwsh process + Import-Module (ms)'; Value = [Math]::Round($withImport) }
        [pscustomobject]@{ Measure = '  => import cost (ms)'; Value = [Math]::Round($withImport - $bare) }
        [pscustomobject]@{ Measure = 'new pwsh process + import + one-call Get-VietnixKeyPair (ms)'; Value = [Math]::Round($withCall) }
        [pscustomobject]@{ Measure = 'Get-VietnixKeyPair, list of 100, warm session (ms)'; Value = [Math]::Round($listModule, 1) }
        [pscustomobject]@{ Measure = 'Invoke-RestMethod, same list, hand-written (ms)'; Value = [Math]::Round($listRest, 1) }
        [pscustomobject]@{ Measure = 'Get-VietnixKeyPair -Name, detail view (ms)'; Value = [Math]::Round($showModule, 1) }
        [pscustomobject]@{ Measure = 'Invoke-RestMethod, same detail view (ms)'; Value = [Math]::Round($showRest, 1) }
        [pscustomobject]@{ Measure = 'New-VietnixKeyPair -KeyAlgorithm Ed25519 -PrivateKeyPath (ms)'; Value = [Math]::Round($newEd25519, 1) }
        [pscustomobject]@{ Measure = 'New-VietnixKeyPair -KeyAlgorithm Ecdsa -KeySize 384 -PrivateKeyPath (ms)'; Value = [Math]::Round($newEcdsa, 1) }
        [pscustomobject]@{ Measure = 'New-VietnixKeyPair -KeyAlgorithm Rsa (3072) -PrivateKeyPath (ms, 9 runs)'; Value = [Math]::Round($newRsa) }
        if ($null -ne $sshKeygen) {
            [pscustomobject]@{ Measure = 'ssh-keygen -t ed25519, then Import-VietnixKeyPair -Path (ms)'; Value = [Math]::Round($sshKeygen, 1) }
        }
        if ($null -ne $kdf) {
            [pscustomobject]@{ Measure = 'bcrypt_pbkdf 16 rounds: New-VietnixKeyPair -Passphrase, minus without (ms)'; Value = [Math]::Round($kdf.Module, 1) }
            [pscustomobject]@{ Measure = 'bcrypt_pbkdf 16 rounds: ssh-keygen -y -P, minus unencrypted (ms)'; Value = [Math]::Round($kdf.SshKeygen, 1) }
            [pscustomobject]@{ Measure = '  => module / ssh-keygen (goal: at most 2)'; Value = [Math]::Round($kdf.Module / [Math]::Max($kdf.SshKeygen, 1), 2) }
        }
        [pscustomobject]@{ Measure = 'managed heap added by Import-Module (KiB)'; Value = [Math]::Round(($afterImport - $before) / 1KB) }
        [pscustomobject]@{ Measure = 'managed heap after connect + 100 imports + calls (KiB)'; Value = [Math]::Round(($afterCalls - $before) / 1KB) }
        [pscustomobject]@{ Measure = 'process working set (MiB)'; Value = [Math]::Round([Diagnostics.Process]::GetCurrentProcess().WorkingSet64 / 1MB) }
    )

    # Wide enough that no value is cut off when the output is redirected (80 columns by default).
    $measures | Format-Table -AutoSize | Out-String -Width 160
}
finally {
    Disconnect-VietnixAccount
    Stop-TestEmulator $emulator
    Remove-Item -Recurse -Force $keyFolder -ErrorAction SilentlyContinue
}
