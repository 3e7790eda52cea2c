# Bulk work with -ThrottleLimit: items go out together, and what comes back is written in input
# order. The first Describe is a contract test (the emulator and real Nova); the others need the
# emulator's faults (slow requests) or its request log.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Target = Get-TestTarget
    $Keys = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    # 50 distinct keys, named so that input order is the files' sorted order.
    $Files = @(1..50 | ForEach-Object { Get-Item (New-TestSshKey -Folder $Keys -Type ed25519 -Name ('bulk-{0:00}' -f $_)) })
    $Names = @($Files | ForEach-Object BaseName)
    $Fingerprints = @{}
    foreach ($file in $Files) { $Fingerprints[$file.BaseName] = Get-SshKeygenFingerprint $file.FullName }

    function Assert-NothingHalfDone {
        # Every key pair that exists holds the key of its file; none exists twice.
        $stored = @((Invoke-TestNova $Target).keypairs.keypair)
        @($stored.name | Sort-Object -Unique).Count | Should -Be $stored.Count
        foreach ($keyPair in $stored) { $keyPair.fingerprint | Should -Be $Fingerprints[$keyPair.name] }
        $stored
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestKeyPair $Target
    Stop-TestTarget $Target
}

Describe 'Import-VietnixKeyPair -ThrottleLimit 4' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    It 'imports 50 keys, each once, and writes them in input order' {
        $imported = @($Files | Import-VietnixKeyPair -ThrottleLimit 4 -ErrorVariable failure)

        $failure | Should -BeNullOrEmpty
        $imported.Name | Should -Be $Names
        foreach ($keyPair in $imported) { $keyPair.Fingerprint | Should -Be $Fingerprints[$keyPair.Name] }
        Get-TestKeyPairName $Target | Should -Be $Names
    }

    It 'removes them again, piped from Get-VietnixKeyPair over pages of 7, in input order' {
        $Files | Import-VietnixKeyPair -ThrottleLimit 4 | Out-Null
        Connect-TestAccount $Target -ApiVersion '2.35'

        $listed = @(Get-VietnixKeyPair -PageSize 7)
        $records = $listed | Remove-VietnixKeyPair -Force -ThrottleLimit 4 -Verbose -ErrorVariable failure 4>&1

        $failure | Should -BeNullOrEmpty
        ($listed.Name | Sort-Object) | Should -Be $Names
        @($records.Message | Where-Object { $_ -like 'Removed key pair*' }) | Should -Be @($listed | ForEach-Object { "Removed key pair '$($_.Name)'." })
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }
}

Describe 'Concurrent bulk work against the emulator' {
    BeforeAll {
        if ($Target.Kind -ne 'emulator') { $Emulator = Start-TestEmulator } else { $Emulator = $Target }
    }

    AfterAll {
        if ($Emulator -ne $Target) { Stop-TestEmulator $Emulator }
    }

    BeforeEach {
        Reset-TestEmulator $Emulator
        Connect-TestAccount $Emulator
        Clear-TestEmulatorRequest $Emulator
    }

    It 'keeps input order when every third request is slow, with up to 4 requests in flight' {
        Set-TestFaultPlan $Emulator -Rule @{ PathContains = 'os-keypairs'; Fault = 'Delay'; Every = 3; DelayMs = 300 }

        $imported = @($Files | Import-VietnixKeyPair -ThrottleLimit 4)

        $imported.Name | Should -Be $Names
        # The emulator logs each request when it has answered it: the slow ones were overtaken.
        $answered = @(Get-TestEmulatorRequest $Emulator -Method POST | ForEach-Object { ($_.body | ConvertFrom-Json).keypair.name })
        $answered.Count | Should -Be 50
        ($answered | Sort-Object) | Should -Be $Names
        ($answered -join ',') | Should -Not -Be ($Names -join ',')
    }

    It 'writes the errors of items 7 and 23 at their place in the sequence' {
        # Items 7 and 23 are taken by other keys, so their imports fail with ResourceExists.
        $other = Get-Content $Files[0].FullName
        foreach ($index in 6, 22) { Invoke-TestNova $Emulator -Method POST -Path 'os-keypairs' -Body @{ keypair = @{ name = $Names[$index]; public_key = $other } } | Out-Null }

        $records = @($Files | Import-VietnixKeyPair -ThrottleLimit 4 -ErrorAction Continue 2>&1)

        $records.Count | Should -Be 50
        for ($i = 0; $i -lt 50; $i++) {
            if ($i -in 6, 22) {
                $records[$i] | Should -BeOfType [System.Management.Automation.ErrorRecord]
                $records[$i].FullyQualifiedErrorId | Should -BeLike 'KeyPairAlreadyExists,*'
                $records[$i].TargetObject | Should -Be $Names[$i]
            }
            else {
                $records[$i].Name | Should -Be $Names[$i]
            }
        }
    }

    It 'writes each item''s -Verbose request line with its result, in input order, though slow requests are overtaken' {
        $some = $Names[0..8]
        $Files[0..8] | Import-VietnixKeyPair -ThrottleLimit 4 | Out-Null
        Set-TestFaultPlan $Emulator -Rule @{ Method = 'DELETE'; PathContains = 'os-keypairs'; Fault = 'Delay'; Every = 3; DelayMs = 300 }

        $lines = @($some | Remove-VietnixKeyPair -Force -ThrottleLimit 4 -Verbose 4>&1 | ForEach-Object {
                if ($_.Message -match '^DELETE \S+/os-keypairs/(\S+) ') { "DELETE $($Matches[1])" }
                elseif ($_.Message -match "^Removed key pair '(.+)'\.$") { "removed $($Matches[1])" }
            })

        $lines | Should -Be @($some | ForEach-Object { "DELETE $_"; "removed $_" })
        $answered = @(Get-TestEmulatorRequest $Emulator -Method DELETE | ForEach-Object { ($_.path -split '/')[-1] })
        ($answered -join ',') | Should -Not -Be ($some -join ',')
    }

    It 'writes each import''s "Performing the operation" line, request line and result together, in input order' {
        Set-TestFaultPlan $Emulator -Rule @{ Method = 'POST'; PathContains = 'os-keypairs'; Fault = 'Delay'; Every = 3; DelayMs = 300 }

        $lines = @($Files[0..8] | Import-VietnixKeyPair -ThrottleLimit 4 -Verbose 4>&1 | ForEach-Object {
                if ($_ -isnot [System.Management.Automation.VerboseRecord]) { "result $($_.Name)" }
                elseif ($_.Message -match 'on target "(.+)"\.$') { "ask $($Matches[1])" }
                elseif ($_.Message -match '^POST \S+/os-keypairs ') { 'POST' }
            })

        $lines | Should -Be @($Names[0..8] | ForEach-Object { "ask $_"; 'POST'; "result $_" })
        $answered = @(Get-TestEmulatorRequest $Emulator -Method POST | ForEach-Object { ($_.body | ConvertFrom-Json).keypair.name })
        ($answered -join ',') | Should -Not -Be ($Names[0..8] -join ',')
    }

    It 'with -Confirm, skips only the item answered No, and runs the rest together after Yes to All' {
        # Every third import is slow: only items in flight together can overtake it.
        Set-TestFaultPlan $Emulator -Rule @{ Method = 'POST'; PathContains = 'os-keypairs'; Fault = 'Delay'; Every = 3; DelayMs = 300 }
        $script = Join-Path $TestDrive 'confirm.ps1'
        @"
Import-Module '$env:VIETNIX_TEST_MODULE'
Connect-VietnixAccount -Token (ConvertTo-SecureString '$((Get-TestUser $Emulator 'demo').token)' -AsPlainText -Force) -ProjectId $((Get-TestUser $Emulator 'demo').projectId) -Endpoint $($Emulator.ComputeUrl)
(Get-ChildItem '$Keys' -Filter 'bulk-0*.pub' | Sort-Object Name | Import-VietnixKeyPair -ThrottleLimit 4 -Confirm).Name -join ','
"@ | Set-Content $script

        # Yes for bulk-01, No for bulk-02, then Yes to All.
        $output = Invoke-TestPwsh -File $script -Answer 'Y', 'N', 'A' | Out-String

        $expected = @($Names[0]) + $Names[2..8]
        $output | Should -Match ([regex]::Escape($expected -join ','))
        Get-TestKeyPairName $Emulator | Should -Be $expected
        # The emulator logs each request when it has answered it: after Yes to All, slow ones were overtaken.
        $answered = @(Get-TestEmulatorRequest $Emulator -Method POST | ForEach-Object { ($_.body | ConvertFrom-Json).keypair.name })
        ($answered | Sort-Object) | Should -Be $expected
        ($answered -join ',') | Should -Not -Be ($expected -join ',')
    }

    It 'New-VietnixKeyPair makes key pairs from piped objects together, each with its own files, in input order' {
        Set-TestFaultPlan $Emulator -Rule @{ Method = 'POST'; PathContains = 'os-keypairs'; Fault = 'Delay'; Every = 3; DelayMs = 300 }
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'new')
        $newNames = @(1..12 | ForEach-Object { 'made-{0:00}' -f $_ })

        $made = @($newNames | ForEach-Object { [pscustomobject]@{ Name = $_; PrivateKeyPath = Join-Path $folder $_ } } |
                New-VietnixKeyPair -KeyAlgorithm Ed25519 -ThrottleLimit 4 -ErrorVariable failure)

        $failure | Should -BeNullOrEmpty
        $made.Name | Should -Be $newNames
        $answered = @(Get-TestEmulatorRequest $Emulator -Method POST | ForEach-Object { ($_.body | ConvertFrom-Json).keypair.name })
        ($answered | Sort-Object) | Should -Be $newNames
        ($answered -join ',') | Should -Not -Be ($newNames -join ',')
        $stored = @{}
        foreach ($keyPair in (Invoke-TestNova $Emulator).keypairs.keypair) { $stored[$keyPair.name] = $keyPair.fingerprint }
        foreach ($keyPair in $made) {
            $keyPair.PrivateKeyPath | Should -Be (Join-Path $folder $keyPair.Name)
            # The private key file, its .pub and the stored key pair hold one key.
            (-split (& ssh-keygen -y -f $keyPair.PrivateKeyPath))[0..1] -join ' ' | Should -Be ((-split (Get-Content "$($keyPair.PrivateKeyPath).pub"))[0..1] -join ' ')
            $stored[$keyPair.Name] | Should -Be (Get-SshKeygenFingerprint "$($keyPair.PrivateKeyPath).pub")
            if (-not $IsWindows) { (Get-Item $keyPair.PrivateKeyPath).UnixFileMode | Should -Be ([System.IO.UnixFileMode] 'UserRead, UserWrite') }
        }
    }

    It 'leaves nothing half-done when stopped (Ctrl+C) in the middle, and a second run completes the set' {
        Set-TestFaultPlan $Emulator -Rule @{ PathContains = 'os-keypairs'; Fault = 'Delay'; Every = 1; DelayMs = 100 }
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($Module, $Paths, $Token, $ProjectId, $Endpoint)
                Import-Module $Module
                Connect-VietnixAccount -Token $Token -ProjectId $ProjectId -Endpoint $Endpoint
                Get-Item -LiteralPath $Paths | Import-VietnixKeyPair -ThrottleLimit 4
            }).AddArgument($env:VIETNIX_TEST_MODULE).AddArgument([string[]]$Files.FullName).AddArgument((Get-TestToken $Emulator)).AddArgument((Get-TestUser $Emulator 'demo').projectId).AddArgument($Emulator.ComputeUrl)
        $running = $shell.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddMinutes(2)
        while (@(Get-TestEmulatorRequest $Emulator -Method POST).Count -lt 10 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }

        $shell.Stop()

        { $shell.EndInvoke($running) } | Should -Throw
        $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $shell.Dispose()
        $stored = Assert-NothingHalfDone
        $stored.Count | Should -BeLessThan 50
        Invoke-RestMethod -Method Delete -Uri "$($Emulator.Url)/_emulator/faults/plan" | Out-Null
        $second = @($Files | Import-VietnixKeyPair -ThrottleLimit 4 -ErrorVariable failure)
        $failure | Should -BeNullOrEmpty
        $second.Name | Should -Be $Names
        @(Assert-NothingHalfDone).Count | Should -Be 50
    }
}
