# Shared by the Pester files: start and drive the local Nova emulator, and sign in to it.

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
    $arguments = @($emulator, '--urls', 'http://127.0.0.1:0', '--ready-file', $readyFile) + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput (Join-Path $state 'stdout.log') -RedirectStandardError (Join-Path $state 'stderr.log')

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $readyFile)) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $(Get-Content -Raw (Join-Path $state 'stderr.log'))" }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw 'The emulator did not start within 60 s.' }
        Start-Sleep -Milliseconds 50
    }

    $ready = Get-Content -Raw $readyFile | ConvertFrom-Json
    [pscustomobject]@{
        Process    = $process
        StateDir   = $state.FullName
        Url        = $ready.url
        ComputeUrl = $ready.computeUrl
        Users      = $ready.users
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
    Connect-VietnixAccount -Token (Get-TestToken $Emulator $User) -ProjectId $account.projectId -Endpoint $Emulator.ComputeUrl -ApiVersion $ApiVersion -PassThru:$PassThru
}

function Get-TestEmulatorIdentity {
    # The ready file's sign-in data: authUrl, regions, users (with password, domain, projectName) and
    # demo's applicationCredential (id, name, secret, userId, projectId).
    param([Parameter(Mandatory)] $Emulator)
    Get-Content -Raw (Join-Path $Emulator.StateDir 'ready.json') | ConvertFrom-Json
}

function Get-TestCredential {
    # A user's name and password as a PSCredential, the way a user would hand them to a sign-in cmdlet.
    param([Parameter(Mandatory)] $Emulator, [ValidateSet('admin', 'demo')] [string] $User = 'demo')
    $account = Get-TestUser $Emulator $User
    [pscredential]::new($account.name, (ConvertTo-SecureString -String $account.password -AsPlainText -Force))
}

function New-TestEmulatorToken {
    # Signs in to the emulated Keystone with a user's password, scoped to the user's own project, and
    # returns the new token's id; it lasts the emulator's current token lifetime.
    param([Parameter(Mandatory)] $Emulator, [ValidateSet('admin', 'demo')] [string] $User = 'demo')
    $account = Get-TestUser $Emulator $User
    $body = @{
        auth = @{
            identity = @{ methods = @('password'); password = @{ user = @{ id = $account.id; password = $account.password } } }
            scope    = @{ project = @{ id = $account.projectId } }
        }
    } | ConvertTo-Json -Depth 6
    $response = Invoke-WebRequest -Method Post -Uri "$($Emulator.Url)/v3/auth/tokens?nocatalog" -ContentType 'application/json' -Body $body
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
