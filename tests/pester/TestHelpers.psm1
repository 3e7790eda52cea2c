# Shared by the Pester files: the target under test (the local emulator, or a real Keystone and Nova
# started by tests/openstack/start.sh), signing in to it, and observing what the module sent.

Set-StrictMode -Version 3.0

function Start-TestEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on a free loopback port and returns where it listens and who may use it.
    #>
    param([string[]] $ArgumentList = @())
    $emulator = $env:VIETNIX_TEST_EMULATOR
    if (-not $emulator -or -not (Test-Path $emulator)) {
        throw 'VIETNIX_TEST_EMULATOR does not name the built emulator; run the tests through build.ps1 -Task Test.'
    }

    $state = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "vietnix-emulator-$([guid]::NewGuid().ToString('N'))")
    $readyFile = Join-Path $state 'ready.json'
    # --parent-pid: the emulator ends with this pwsh, so an aborted run leaves none behind.
    $arguments = @($emulator, '--urls', 'http://127.0.0.1:0', '--ready-file', $readyFile, '--parent-pid', $PID) + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput (Join-Path $state 'stdout.log') -RedirectStandardError (Join-Path $state 'stderr.log')

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $readyFile)) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $(Get-Content -Raw (Join-Path $state 'stderr.log'))" }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw 'The emulator did not start within 60 s.' }
        Start-Sleep -Milliseconds 50
    }

    ConvertTo-TestTarget (Get-Content -Raw $readyFile | ConvertFrom-Json) -Kind emulator -Process $process -StateDir $state.FullName
}

function Start-TestFaultProxy {
    <#
    .SYNOPSIS
        Starts the emulator as a loopback fault proxy in front of -Upstream (a real Nova, or another
        emulator): every request is forwarded there, through the fault plan Set-TestFaultPlan sets.
    #>
    param([Parameter(Mandatory)] [string] $Upstream)
    Start-TestEmulator -ArgumentList @('--upstream', $Upstream)
}

function Set-TestFaultPlan {
    # A seeded plan: rules of @{ Method; PathContains; Fault = Status|Reset|LoseResponse|Delay|Garbage;
    # Probability or Every; Status; RetryAfter; DelayMs }. The first rule that fires decides a request's fault.
    param([Parameter(Mandatory)] $Emulator, [int] $Seed = 1, [Parameter(Mandatory)] [AllowEmptyCollection()] [hashtable[]] $Rule)
    $body = @{ seed = $Seed; rules = @($Rule | ForEach-Object {
                $camel = [ordered]@{}
                foreach ($key in $_.Keys) { $camel[$key.Substring(0, 1).ToLowerInvariant() + $key.Substring(1)] = $_[$key] }
                $camel
            })
    } | ConvertTo-Json -Depth 5
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/faults/plan" -ContentType 'application/json' -Body $body | Out-Null
}

function Get-TestFaultCount {
    # How many faults of each kind the plan injected, as a hashtable (Status503, Reset, LoseResponse, ...).
    param([Parameter(Mandatory)] $Emulator)
    $counts = @{}
    (Invoke-RestMethod -Uri "$($Emulator.Url)/_emulator/faults/plan").PSObject.Properties | ForEach-Object { $counts[$_.Name] = $_.Value }
    $counts
}

function ConvertTo-TestTarget {
    # The emulator's ready file and the real stack's target.json have one shape; tests see one object.
    param([Parameter(Mandatory)] $Description, [Parameter(Mandatory)] [string] $Kind, $Process, [string] $StateDir)
    [pscustomobject]@{
        Kind                  = $Kind
        Process               = $Process
        StateDir              = $StateDir
        Url                   = $Description.url
        ComputeUrl            = $Description.computeUrl
        AuthUrl               = $Description.authUrl
        Regions               = $Description.regions
        Users                 = $Description.users
        ApplicationCredential = $Description.applicationCredential
    }
}

function Get-TestTarget {
    <#
    .SYNOPSIS
        What the contract tests run against: the real stack named by VIETNIX_TEST_TARGET_FILE when
        VIETNIX_TEST_TARGET is 'openstack', otherwise a freshly started emulator.
    #>
    if ($env:VIETNIX_TEST_TARGET -ne 'openstack') {
        return Start-TestEmulator
    }

    $file = $env:VIETNIX_TEST_TARGET_FILE
    if (-not $file -or -not (Test-Path $file)) { throw "VIETNIX_TEST_TARGET_FILE does not name the target.json of a running stack (tests/openstack/start.sh writes it)." }
    ConvertTo-TestTarget (Get-Content -Raw $file | ConvertFrom-Json) -Kind openstack -StateDir (Split-Path $file)
}

function Stop-TestTarget {
    # Stops the emulator a test file started; a real stack is left as it was.
    param([Parameter(Mandatory)] $Target)
    if ($Target.Kind -eq 'emulator') { Stop-TestEmulator $Target }
}

function Invoke-TestNova {
    # The "other client": Nova's API called by hand with a user's token, independent of the module.
    param([Parameter(Mandatory)] $Target, [string] $User = 'demo', [string] $Method = 'GET', [string] $Path = 'os-keypairs', [string] $ApiVersion = '2.10', [hashtable] $Body)
    $account = Get-TestUser $Target $User
    $headers = @{ 'X-Auth-Token' = $account.token; 'OpenStack-API-Version' = "compute $ApiVersion"; 'X-OpenStack-Nova-API-Version' = $ApiVersion }
    $json = if ($Body) { @{ Body = ($Body | ConvertTo-Json -Depth 5); ContentType = 'application/json' } } else { @{} }
    Invoke-RestMethod -Method $Method -Uri "$($Target.ComputeUrl)/$Path" -Headers $headers @json
}

function Get-TestKeyPairName {
    # A user's key pair names as the other client sees them: python-openstackclient on a real stack
    # (when installed), Nova's API by hand on the emulator.
    param([Parameter(Mandatory)] $Target, [string] $User = 'demo')
    if ($Target.Kind -eq 'openstack' -and (Get-Command openstack -ErrorAction SilentlyContinue)) {
        $env:OS_CLIENT_CONFIG_FILE = Join-Path $Target.StateDir 'clouds.yaml'
        try {
            $listed = & openstack --os-cloud $User --os-compute-api-version 2.72 keypair list -f json | ConvertFrom-Json
        }
        finally {
            Remove-Item env:OS_CLIENT_CONFIG_FILE
        }
        return @($listed | ForEach-Object Name | Sort-Object)
    }

    @((Invoke-TestNova $Target -User $User).keypairs | ForEach-Object { $_.keypair.name } | Sort-Object)
}

function Clear-TestKeyPair {
    # Removes every key pair of the seeded users, through Nova's API as the admin, so each test starts clean.
    param([Parameter(Mandatory)] $Target)
    foreach ($user in $Target.Users) {
        foreach ($item in (Invoke-TestNova $Target -User admin -Path "os-keypairs?user_id=$($user.id)").keypairs) {
            Invoke-TestNova $Target -User admin -Method DELETE -Path "os-keypairs/$([uri]::EscapeDataString($item.keypair.name))?user_id=$($user.id)" | Out-Null
        }
    }
}

function Get-TestHttpExchange {
    <#
    .SYNOPSIS
        The requests the module reported in its verbose stream: Method, Url, Microversion and Status.
        Pipe a command's output with 4>&1 into it.
    #>
    param([Parameter(ValueFromPipeline)] $Record)
    process {
        if ($Record -is [System.Management.Automation.VerboseRecord] -and
            $Record.Message -match '^(?<method>[A-Z]+) (?<url>\S+)(?: \[compute (?<version>[^\]]+)\])? -> (?<status>\d{3})') {
            [pscustomobject]@{ Method = $Matches['method']; Url = $Matches['url']; Microversion = $Matches['version']; Status = [int]$Matches['status'] }
        }
    }
}

function Get-TestLoggedBody {
    <#
    .SYNOPSIS
        The request or response bodies the module wrote to its debug stream (secrets already
        redacted), parsed. Pipe a command's output with 5>&1 (and $DebugPreference = 'Continue') into it.
    #>
    param([Parameter(ValueFromPipeline)] $Record, [ValidateSet('request', 'response')] [string] $Kind = 'response')
    process {
        if ($Record -is [System.Management.Automation.DebugRecord] -and $Record.Message -match "^(?<method>[A-Z]+) (?<url>\S+) $Kind body: (?<body>.*)$") {
            [pscustomobject]@{ Method = $Matches['method']; Url = $Matches['url']; Body = $Matches['body'] | ConvertFrom-Json }
        }
    }
}

function Stop-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
    Remove-Item -Recurse -Force $Emulator.StateDir -ErrorAction SilentlyContinue
}

function Get-TestUser {
    param([Parameter(Mandatory)] $Emulator, [ValidateSet('admin', 'demo')] [string] $Name = 'demo')
    $Emulator.Users | Where-Object name -eq $Name
}

function Get-TestToken {
    # The emulator's own test token, made a SecureString the way a user would from a secret store.
    param([Parameter(Mandatory)] $Emulator, [string] $User = 'demo')
    ConvertTo-SecureString -String (Get-TestUser $Emulator $User).token -AsPlainText -Force
}

function Connect-TestAccount {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $User = 'demo', [string] $ApiVersion = '2.72', [switch] $PassThru)
    $account = Get-TestUser $Emulator $User
    # Connect-VietnixAccount always writes the new context; a test helper passes it on only when asked.
    $context = Connect-VietnixAccount -Token (Get-TestToken $Emulator $User) -ProjectId $account.projectId -Endpoint $Emulator.ComputeUrl -ApiVersion $ApiVersion
    if ($PassThru) { $context }
}

function Get-TestEmulatorIdentity {
    # The ready file's sign-in data: authUrl, regions, users (with password, domain, projectName) and
    # demo's applicationCredential (id, name, secret, userId, projectId).
    param([Parameter(Mandatory)] $Emulator)
    [pscustomobject]@{ authUrl = $Emulator.AuthUrl; regions = $Emulator.Regions; users = $Emulator.Users; applicationCredential = $Emulator.ApplicationCredential }
}

function Get-TestCredential {
    # A user's name and password as a PSCredential, the way a user would hand them to a sign-in cmdlet.
    param([Parameter(Mandatory)] $Emulator, [ValidateSet('admin', 'demo')] [string] $User = 'demo')
    $account = Get-TestUser $Emulator $User
    [pscredential]::new($account.name, (ConvertTo-SecureString -String $account.password -AsPlainText -Force))
}

function New-TestKeystoneToken {
    # Signs in to the target's Keystone with a user's password, scoped to the user's own project, and
    # returns the new token's id; it lasts the emulator's current token lifetime.
    param([Parameter(Mandatory)] $Emulator, [ValidateSet('admin', 'demo')] [string] $User = 'demo')
    $account = Get-TestUser $Emulator $User
    $body = @{
        auth = @{
            identity = @{ methods = @('password'); password = @{ user = @{ id = $account.id; password = $account.password } } }
            scope    = @{ project = @{ id = $account.projectId } }
        }
    } | ConvertTo-Json -Depth 6
    $response = Invoke-WebRequest -Method Post -Uri "$($Emulator.AuthUrl)/auth/tokens?nocatalog" -ContentType 'application/json' -Body $body
    [string] $response.Headers['X-Subject-Token']
}

function Get-TestEmulatorToken {
    # Every token the emulator issued, start-up ones first: userName, projectName (null if unscoped),
    # methods, expiresAt and revoked, and with -IncludeValue the token itself. One object at a time
    # (wrap in @() to count).
    param([Parameter(Mandatory)] $Emulator, [switch] $IncludeValue)
    Invoke-RestMethod -Uri "$($Emulator.Url)/_emulator/tokens?includeValues=$(([string]$IncludeValue.IsPresent).ToLowerInvariant())" | Write-Output
}

function Revoke-TestEmulatorToken {
    # Revokes all of a user's tokens behind the client's back.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $User)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/tokens/revoke?user=$User" | Out-Null
}

function Reset-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset" | Out-Null
}

function Set-TestEmulatorSetting {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Setting)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/settings" -ContentType 'application/json' -Body ($Setting | ConvertTo-Json) | Out-Null
}

function Set-TestEmulatorClock {
    # Moves the emulator's clock from the real one until the next reset: behind it, the emulator
    # issues tokens that it still accepts but that have expired for the module.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [timespan] $Offset)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/clock?offsetSeconds=$([int]$Offset.TotalSeconds)" | Out-Null
}

function Set-TestEmulatorLostResponse {
    # The next call(s) of an action (Index, Create, Show, Delete) are carried out, then the
    # connection drops without an answer, as when a network fails after the request was sent.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Action, [int] $Count = 1)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/faults/lose-response?action=$Action&count=$Count" | Out-Null
}

function Clear-TestEmulatorRequest {
    # Forgets the requests so far (set-up, sign-in), keeping the key pairs.
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Method Delete -Uri "$($Emulator.Url)/_emulator/requests" | Out-Null
}

function Get-TestEmulatorRequest {
    # Every request the emulator received since the last reset, optionally only one method, one
    # object at a time (wrap in @() to count them).
    param([Parameter(Mandatory)] $Emulator, [string] $Method)
    # Write-Output enumerates the JSON array, which Invoke-RestMethod returns as one object.
    $requests = Invoke-RestMethod -Uri "$($Emulator.Url)/_emulator/requests" | Write-Output
    if ($Method) { $requests | Where-Object method -eq $Method } else { $requests }
}

function Clear-TestOsVariable {
    # Removes every OS_* variable, so a test sees only the sign-in settings it sets itself.
    Get-ChildItem env: | Where-Object Name -like 'OS_*' | ForEach-Object { Remove-Item "env:$($_.Name)" }
}

function Invoke-TestPwsh {
    <#
    .SYNOPSIS
        Runs a command (or a script file) in a new pwsh process: non-interactive, as a runbook or CI
        job would, unless -Answer gives lines to type at its prompts.
    #>
    param([string] $Command, [string] $File, [string[]] $Answer)
    $executable = [Environment]::ProcessPath
    $arguments = @('-NoProfile')
    if (-not $Answer) { $arguments += '-NonInteractive' }
    $arguments += if ($File) { @('-File', $File) } else { @('-Command', $Command) }
    if ((Split-Path -Leaf $executable) -like 'dotnet*') { $arguments = @(Join-Path $PSHOME 'pwsh.dll') + $arguments }
    if ($Answer) { $Answer | & $executable @arguments 2>&1 } else { & $executable @arguments 2>&1 }
}

function New-TestProfileFolder {
    <#
    .SYNOPSIS
        A throwaway home folder with its XDG data, config and cache folders, for Invoke-TestIsolatedPwsh.
    .DESCRIPTION
        The folders are the default ones under HOME (PSResourceGet installs under HOME/.local/share
        whatever XDG_DATA_HOME says), made up front: .NET answers an empty path for a special folder
        that does not exist, and PSResourceGet then writes its registrations relative to the current folder.
    #>
    $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "vietnix-profile-$([guid]::NewGuid().ToString('N'))")
    foreach ($name in '.local/share/powershell/Modules', '.config', '.cache') { New-Item -ItemType Directory -Path (Join-Path $folder $name) | Out-Null }
    $folder.FullName
}

function Invoke-TestIsolatedPwsh {
    <#
    .SYNOPSIS
        Runs a script block in a new `pwsh -NoProfile -NonInteractive` whose HOME and XDG folders are
        -ProfileFolder, so whatever PSResourceGet or PowerShellGet registers or installs stays there.
        Returns what the script block returned (as JSON would carry it); throws with the process's
        output when the script block fails.
    #>
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [Parameter(Mandatory)] [string] $ProfileFolder,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 300
    )
    $resultFile = Join-Path $ProfileFolder "result-$([guid]::NewGuid().ToString('N')).json"
    $script = "`$ErrorActionPreference = 'Stop'`n`$ProgressPreference = 'SilentlyContinue'`n" +
        "`$result = & {`n$ScriptBlock`n}`nConvertTo-Json -InputObject `$result -Depth 6 | Set-Content -LiteralPath '$resultFile'"

    $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))) {
        $start.ArgumentList.Add($argument)
    }
    $start.WorkingDirectory = $ProfileFolder
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $variables = @{
        HOME            = $ProfileFolder
        XDG_DATA_HOME   = Join-Path $ProfileFolder '.local/share'
        XDG_CONFIG_HOME = Join-Path $ProfileFolder '.config'
        XDG_CACHE_HOME  = Join-Path $ProfileFolder '.cache'
        NO_COLOR        = '1'
    }
    foreach ($entry in ($variables + $Environment).GetEnumerator()) { $start.Environment[$entry.Key] = [string]$entry.Value }

    $process = [Diagnostics.Process]::Start($start)
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "The isolated pwsh did not finish within $TimeoutSeconds s. Output: $($output.Result) $($errors.Result)"
    }
    $process.WaitForExit()
    if ($process.ExitCode -ne 0 -or -not (Test-Path $resultFile)) {
        throw "The isolated pwsh failed (exit code $($process.ExitCode)). Output: $($output.Result) Errors: $($errors.Result)"
    }
    Get-Content -Raw $resultFile | ConvertFrom-Json
}

function New-TestSshKey {
    # A fresh key made by ssh-keygen; returns the path of its .pub file.
    param([Parameter(Mandatory)] [string] $Folder, [ValidateSet('ed25519', 'rsa', 'ecdsa')] [string] $Type = 'ed25519', [string] $Name = "id_$Type", [int] $Bits)
    $path = Join-Path $Folder $Name
    $arguments = @('-q', '-t', $Type, '-N', '', '-C', "$Name@test", '-f', $path)
    if ($Bits) { $arguments += @('-b', $Bits) }
    & ssh-keygen @arguments
    if ($LASTEXITCODE -ne 0) { throw "ssh-keygen failed for $Type." }
    "$path.pub"
}

function Get-SshKeygenFingerprint {
    # ssh-keygen's own fingerprint of a public key file: -Hash md5 gives Nova's form (without "MD5:").
    param([Parameter(Mandatory)] [string] $Path, [ValidateSet('md5', 'sha256')] [string] $Hash = 'md5')
    $line = & ssh-keygen -l -E $Hash -f $Path
    $fingerprint = ($line -split ' ')[1]
    if ($Hash -eq 'md5') { $fingerprint -replace '^MD5:', '' } else { $fingerprint }
}

Export-ModuleMember -Function *-Test*, Get-SshKeygenFingerprint
