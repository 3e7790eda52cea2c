# Ctrl+C and aborted runs. A PowerShell instance's Stop() is what Ctrl+C does at a prompt: a command
# stopped in the middle of a request, or of a wait before a retry, stops at once (the bound below
# only has to prove the wait was not sat out) and leaves no temporary or half-written file. An
# emulator started for a test run that is killed ends by itself (--parent-pid).

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Nova = Start-TestEmulator
    $Proxy = Start-TestFaultProxy -Upstream $Nova.Url

    function New-ConnectedShell {
        # A runspace of its own, as a user's session, signed in through the proxy.
        $account = Get-TestUser $Nova 'demo'
        $endpoint = ([uri] $Nova.ComputeUrl).AbsoluteUri.Replace(([uri] $Nova.ComputeUrl).GetLeftPart('Authority'), $Proxy.Url)
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $setup = [powershell]::Create()
        $setup.Runspace = $runspace
        $setup.AddScript({
                param($module, $token, $projectId, $endpoint)
                Import-Module $module
                Connect-VietnixAccount -Token $token -ProjectId $projectId -Endpoint $endpoint -ApiVersion 2.72
            }).AddArgument($env:VIETNIX_TEST_MODULE).AddArgument((Get-TestToken $Nova 'demo')).AddArgument($account.projectId).AddArgument($endpoint).Invoke() | Out-Null
        if ($setup.HadErrors) { throw "Signing in failed: $($setup.Streams.Error)" }
        $setup.Dispose()
        $runspace
    }

    function Stop-WhenFaultInjected([string] $Command, [hashtable] $Variables, [hashtable] $Rule, [string] $Fault) {
        # Runs $Command in a new signed-in runspace under the fault plan of one $Rule (set after the
        # sign-in, whose access check it would hit too), presses Ctrl+C once the proxy has injected $Fault
        # (the request is then held by the proxy, or its answer is in and the command is waiting), and
        # returns how long Stop() took and the state the command ended in.
        $runspace = New-ConnectedShell
        Set-TestFaultPlan $Proxy -Rule $Rule
        try {
            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            foreach ($entry in $Variables.GetEnumerator()) { $runspace.SessionStateProxy.SetVariable($entry.Key, $entry.Value) }
            $shell.AddScript($Command) | Out-Null
            $running = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Get-TestFaultCount $Proxy)[$Fault]) {
                if ($running.IsCompleted -or [DateTime]::UtcNow -gt $deadline) { throw "The command never met the fault $Fault ($($shell.InvocationStateInfo.State): $($shell.Streams.Error))." }
                Start-Sleep -Milliseconds 50
            }
            # Let the command settle into the wait.
            Start-Sleep -Milliseconds 300

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            Write-Host "  Stop() took $([int] $clock.Elapsed.TotalMilliseconds) ms"
            [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; State = $shell.InvocationStateInfo.State }
        }
        finally {
            $runspace.Dispose()
        }
    }
}

AfterAll {
    Stop-TestEmulator $Proxy
    Stop-TestEmulator $Nova
}

Describe 'Ctrl+C' {
    BeforeAll {
        # The proxy holds each create for a minute before passing it on.
        $SlowCreate = @{ Method = 'POST'; PathContains = '/os-keypairs'; Fault = 'Delay'; DelayMs = 60000; Every = 1 }
    }

    BeforeEach {
        Reset-TestEmulator $Nova
        $Folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))
    }

    AfterEach {
        Set-TestFaultPlan $Proxy -Rule @()
    }

    It 'during a wait before a retry stops the command at once, without sitting out the 30 s the server asked for' {
        $serviceUnavailable = @{ Method = 'GET'; PathContains = '/os-keypairs'; Fault = 'Status'; Status = 503; RetryAfter = 30; Every = 1 }

        $stopped = Stop-WhenFaultInjected -Command 'Get-VietnixKeyPair' -Variables @{} -Rule $serviceUnavailable -Fault 'Status503'

        $stopped.State | Should -Be 'Stopped'
        $stopped.Seconds | Should -BeLessThan 10
    }

    It 'during a server-side generation stops the command at once, with no file written, whole or in part' {
        $stopped = Stop-WhenFaultInjected -Command 'New-VietnixKeyPair -Name stopped -PrivateKeyPath $keyFile' -Variables @{ keyFile = (Join-Path $Folder 'stopped') } -Rule $SlowCreate -Fault 'Delay'

        $stopped.State | Should -Be 'Stopped'
        $stopped.Seconds | Should -BeLessThan 10
        Get-ChildItem -Force -Path $Folder | Should -BeNullOrEmpty
    }

    It 'during the import of a key made here leaves its key files whole, and nothing temporary' {
        # The key files are written before the import is sent (so the key is never lost); Ctrl+C
        # during the import leaves them as they are, each a complete key.
        $stopped = Stop-WhenFaultInjected -Command 'New-VietnixKeyPair -Name stopped -KeyAlgorithm Ed25519 -PrivateKeyPath $keyFile' -Variables @{ keyFile = (Join-Path $Folder 'stopped') } -Rule $SlowCreate -Fault 'Delay'

        $stopped.State | Should -Be 'Stopped'
        $stopped.Seconds | Should -BeLessThan 10
        @(Get-ChildItem -Force -Path $Folder).Name | Sort-Object | Should -Be @('stopped', 'stopped.pub')
        $derived = (& ssh-keygen -y -f (Join-Path $Folder 'stopped')) -split ' '
        $saved = (Get-Content (Join-Path $Folder 'stopped.pub')) -split ' '
        $derived[0..1] | Should -Be $saved[0..1] -Because 'the private key file is whole and matches its public key'
    }
}

Describe 'An emulator started for a test run that is killed' {
    It 'stops by itself when that run ends (--parent-pid), instead of outliving it' {
        # A child pwsh starts an emulator the way the tests do, then is killed as an aborted CI job would be.
        $started = Join-Path $TestDrive 'started.json'
        $script = "`$env:VIETNIX_TEST_EMULATOR = '$env:VIETNIX_TEST_EMULATOR'; Import-Module '$(Join-Path $PSScriptRoot 'TestHelpers.psm1')'; " +
            "`$e = Start-TestEmulator; @{ Id = `$e.Process.Id; Url = `$e.Url; StateDir = `$e.StateDir } | ConvertTo-Json | Set-Content '$started'; Start-Sleep -Seconds 600"
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $script)
        if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $arguments = @(Join-Path $PSHOME 'pwsh.dll') + $arguments }
        $run = Start-Process -FilePath ([Environment]::ProcessPath) -ArgumentList $arguments -PassThru
        $emulator = $null
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while (-not (Test-Path $started) -or -not (Get-Content -Raw $started)) {
                if ($run.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw 'The child run never started its emulator.' }
                Start-Sleep -Milliseconds 100
            }
            $emulator = Get-Content -Raw $started | ConvertFrom-Json
            $process = Get-Process -Id $emulator.Id
            Invoke-RestMethod -Uri "$($emulator.Url)/_emulator/requests" | Out-Null
            $process.HasExited | Should -BeFalse -Because 'the emulator runs while its run does'

            $run.Kill()
            $run.WaitForExit()

            $process.WaitForExit(30000) | Should -BeTrue -Because 'the emulator polls its parent twice a second'
        }
        finally {
            if (-not $run.HasExited) { $run.Kill() }
            if ($emulator) {
                Get-Process -Id $emulator.Id -ErrorAction SilentlyContinue | Where-Object { -not $_.HasExited } | ForEach-Object { $_.Kill() }
                Remove-Item -Recurse -Force $emulator.StateDir -ErrorAction SilentlyContinue
            }
        }
    }
}
