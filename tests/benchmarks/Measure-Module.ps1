<#
.SYNOPSIS
    Prints one markdown table: the module against what a user would otherwise run, each pair measured
    side by side (interleaved, medians) in this one run, so the ratios hold even on a busy machine.
.DESCRIPTION
    build.ps1 -Task Benchmark runs it against the local emulator; with -Target Real, against the
    real Keystone and Nova of the Integration tier (-TargetFile names its target.json). The goals
    of issue 11 are printed next to the ratios; they are reported, never asserted.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # The emulator to start, unless -TargetFile names a running real stack.
    [string] $EmulatorPath,
    [string] $TargetFile,
    # Key pairs per bulk measure, and how many times each bulk pair is repeated.
    [int] $Count = 100,
    [int] $Rounds = 3
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1')

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Measure-Pair {
    <#
    .SYNOPSIS
        Runs the module's action and the reference's action alternately, $Times each, and returns
        both medians in milliseconds. $Before runs untimed before each action (to clean up).
    #>
    param([scriptblock] $Module, [scriptblock] $Reference, [int] $Times, [scriptblock] $Before = {}, [switch] $SameBefore)
    $moduleTimes = [Collections.Generic.List[double]]::new()
    $referenceTimes = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Times; $i++) {
        # Alternating which goes first keeps a warming cache or a busy neighbour from favouring one.
        $order = if ($i % 2) { @('reference', 'module') } else { @('module', 'reference') }
        foreach ($which in $order) {
            $action = if ($which -eq 'module') { $Module } else { $Reference }
            & $Before
            # A new pwsh reads the startup profile (~/.cache/powershell/StartupProfileData-*) that the
            # previous pwsh wrote, and JITs ahead what that one ran: after a bare start, an import ran
            # ~65 ms slower than after another import. -SameBefore runs the same action untimed first,
            # so each is timed as it runs when a script repeats it.
            if ($SameBefore) { & $action }
            $elapsed = (Measure-Command $action).TotalMilliseconds
            if ($which -eq 'module') { $moduleTimes.Add($elapsed) } else { $referenceTimes.Add($elapsed) }
        }
    }
    [pscustomobject]@{ Module = Get-Median $moduleTimes; Reference = Get-Median $referenceTimes }
}

function Format-Milliseconds([double] $Value) {
    if ($Value -ge 10000) { '{0:N1} s' -f ($Value / 1000) } elseif ($Value -ge 100) { '{0:N0} ms' -f $Value } else { '{0:N1} ms' -f $Value }
}

$rows = [Collections.Generic.List[object]]::new()
function Add-Row([string] $Measure, [string] $Module, [string] $Reference, [double] $Ratio, [double] $Goal = 0) {
    $verdict = if ($Goal -le 0) { '' } elseif ($Ratio -le $Goal) { "≤ $Goal ✓" } else { "≤ $Goal ✗" }
    $rows.Add([pscustomobject]@{ Measure = $Measure; Module = $Module; Reference = $Reference; Ratio = '{0:N2}' -f $Ratio; Goal = $verdict })
}
function Add-TimedRow([string] $Measure, [string] $Reference, $Pair, [double] $Goal = 0, [int] $PerItem = 1) {
    $module = Format-Milliseconds ($Pair.Module / $PerItem)
    $referenceText = "$Reference`: $(Format-Milliseconds ($Pair.Reference / $PerItem))"
    Add-Row $Measure $module $referenceText ($Pair.Module / $Pair.Reference) $Goal
}

# A raw HTTP loop as a user would write it: one HttpClient (keep-alive), sequential, JSON parsed.
$httpClient = [Net.Http.HttpClient]::new()
function Invoke-RawNova([string] $Method, [string] $Url, [string] $Body) {
    $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::new($Method), $Url)
    $request.Headers.Add('X-Auth-Token', $script:rawToken)
    $request.Headers.Add('X-OpenStack-Nova-API-Version', '2.72')
    $request.Headers.Add('OpenStack-API-Version', 'compute 2.72')
    if ($Body) { $request.Content = [Net.Http.StringContent]::new($Body, [Text.Encoding]::UTF8, 'application/json') }
    $response = $httpClient.SendAsync($request).GetAwaiter().GetResult()
    $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    if (-not $response.IsSuccessStatusCode) { throw "$Method $Url answered $([int]$response.StatusCode): $text" }
    if ($text) { [Text.Json.JsonDocument]::Parse($text).Dispose() }
}

$target = if ($TargetFile) {
    ConvertTo-TestTarget (Get-Content -Raw $TargetFile | ConvertFrom-Json) -Kind openstack -StateDir (Split-Path $TargetFile)
}
else {
    if (-not $EmulatorPath) { throw 'Give -EmulatorPath (the built emulator) or -TargetFile (a running real stack).' }
    $env:VIETNIX_TEST_EMULATOR = $EmulatorPath
    Start-TestEmulator
}

$work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "vietnix-bench-$([guid]::NewGuid().ToString('N'))")
$loadAtStart = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0] } else { 'n/a' }
try {
    $demo = Get-TestUser $target 'demo'
    $script:rawToken = $demo.token
    $keypairsUrl = "$($target.ComputeUrl)/os-keypairs"
    $signIn = "-Token (ConvertTo-SecureString '$($demo.token)' -AsPlainText -Force) -ProjectId $($demo.projectId) -Endpoint $($target.ComputeUrl)"
    if ($target.Kind -eq 'emulator') { Set-TestEmulatorSetting $target @{ quota = 100000 } }
    Clear-TestKeyPair $target

    # Import cost: a new pwsh that imports the module, against one that only exits.
    $import = Measure-Pair -Times 9 -SameBefore `
        -Module { Invoke-TestPwsh "Import-Module '$ModulePath'; exit" | Out-Null } `
        -Reference { Invoke-TestPwsh 'exit' | Out-Null }
    Add-Row 'pwsh -c "Import-Module …; exit"' (Format-Milliseconds $import.Module) "pwsh -c exit: $(Format-Milliseconds $import.Reference)" ($import.Module / $import.Reference) 1.15

    # The floors under that row, PowerShell's own Import-Module path: a manifest module with nothing
    # in it, and a binary module (a DLL as RootModule, as this one) with one empty cmdlet.
    $emptyModule = Join-Path $work 'Empty/Empty.psd1'
    New-Item -ItemType Directory -Path (Split-Path $emptyModule) | Out-Null
    Set-Content -Path $emptyModule -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    $minimalFolder = Join-Path $work 'MinimalBinaryModule'
    & dotnet build (Join-Path $PSScriptRoot 'MinimalBinaryModule/MinimalBinaryModule.csproj') -c Release -o $minimalFolder --nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'Building the minimal binary module failed.' }
    $minimalModule = Join-Path $minimalFolder 'MinimalBinaryModule.psd1'
    Set-Content -Path $minimalModule -Value "@{ RootModule = 'MinimalBinaryModule.dll'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @('Get-Minimal'); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    foreach ($floor in @(
            @{ Name = 'an empty manifest module'; Path = $emptyModule }
            @{ Name = 'a binary module with one empty cmdlet'; Path = $minimalModule })) {
        $pair = Measure-Pair -Times 9 -SameBefore `
            -Module { Invoke-TestPwsh "Import-Module '$($floor.Path)'; exit" | Out-Null } `
            -Reference { Invoke-TestPwsh 'exit' | Out-Null }
        Add-Row "(for scale) pwsh -c `"Import-Module <$($floor.Name)>; exit`"" (Format-Milliseconds $pair.Module) "pwsh -c exit: $(Format-Milliseconds $pair.Reference)" ($pair.Module / $pair.Reference)
    }

    # Working set: a new pwsh after one Get-VietnixKeyPair, against a bare one.
    $workingSet = '[Diagnostics.Process]::GetCurrentProcess().Refresh(); [Diagnostics.Process]::GetCurrentProcess().WorkingSet64'
    $bareSet = Get-Median (1..3 | ForEach-Object { [double](Invoke-TestPwsh $workingSet | Select-Object -Last 1) })
    $moduleSet = Get-Median (1..3 | ForEach-Object { [double](Invoke-TestPwsh "Import-Module '$ModulePath'; Get-VietnixKeyPair $signIn | Out-Null; $workingSet" | Select-Object -Last 1) })
    Add-Row 'Working set after one Get-VietnixKeyPair, new pwsh' ('{0:N0} MiB (+{1:N0} MiB)' -f ($moduleSet / 1MB), (($moduleSet - $bareSet) / 1MB)) ('bare pwsh: {0:N0} MiB' -f ($bareSet / 1MB)) ($moduleSet / $bareSet)

    Import-Module $ModulePath
    $null = Connect-VietnixAccount -Token (Get-TestToken $target 'demo') -ProjectId $demo.projectId -Endpoint $target.ComputeUrl

    # Keys to import: distinct ed25519 keys in .pub files, as Get-ChildItem *.pub would find them.
    $keyFolder = New-Item -ItemType Directory -Path (Join-Path $work 'pub')
    $names = 1..$Count | ForEach-Object { 'bench-{0:000}' -f $_ }
    foreach ($name in $names) {
        & ssh-keygen -q -t ed25519 -N '' -C "$name@bench" -f (Join-Path $keyFolder $name)
        if ($LASTEXITCODE -ne 0) { throw 'ssh-keygen failed; the benchmark needs OpenSSH client tools.' }
        Remove-Item (Join-Path $keyFolder $name)
    }
    $pubFiles = Get-ChildItem $keyFolder -Filter *.pub

    # Warm per-call time: one key pair shown, module against a raw HttpClient GET with the JSON parsed.
    Import-VietnixKeyPair -Name warm -Path $pubFiles[0].FullName | Out-Null
    $warm = Measure-Pair -Times 41 -Module { Get-VietnixKeyPair -Name warm | Out-Null } -Reference { Invoke-RawNova GET "$keypairsUrl/warm" }
    Add-TimedRow 'Get-VietnixKeyPair -Name, warm session' 'raw HttpClient GET' $warm
    Remove-VietnixKeyPair -Name warm -Force

    $rawImport = {
        foreach ($file in $pubFiles) {
            $body = @{ keypair = @{ name = $file.BaseName; public_key = (Get-Content -Raw $file.FullName).Trim() } } | ConvertTo-Json -Compress
            Invoke-RawNova POST $keypairsUrl $body
        }
    }
    $rawRemove = { foreach ($name in $names) { Invoke-RawNova DELETE "$keypairsUrl/$name" } }

    # 100 imports and 100 removals: the module with -ThrottleLimit 1 (sequential) and 4, against
    # the raw sequential loop. Each import starts from no key pairs; each removal from all of them.
    $throttled = (Get-Command Import-VietnixKeyPair).Parameters.ContainsKey('ThrottleLimit')
    $limits = if ($throttled) { @(1, 4) } else { @($null) }
    foreach ($limit in $limits) {
        $throttle = if ($limit) { @{ ThrottleLimit = $limit } } else { @{} }
        $label = if ($limit) { "-ThrottleLimit $limit" } else { 'sequential (no -ThrottleLimit yet)' }
        $imports = Measure-Pair -Times $Rounds -Before { Clear-TestKeyPair $target } `
            -Module { $pubFiles | Import-VietnixKeyPair @throttle | Out-Null } -Reference $rawImport
        Add-TimedRow "$Count × Import-VietnixKeyPair (Get-ChildItem *.pub |), $label" 'raw sequential POST loop' $imports ($(if ($limit -eq 4) { 0.6 } else { 1.15 }))
        $removals = Measure-Pair -Times $Rounds -Before { Clear-TestKeyPair $target; & $rawImport } `
            -Module { $names | Remove-VietnixKeyPair -Force @throttle } -Reference $rawRemove
        Add-TimedRow "$Count × Remove-VietnixKeyPair -Force (names piped), $label" 'raw sequential DELETE loop' $removals
    }
    Clear-TestKeyPair $target

    # python-openstackclient, per key, when it is installed and the target is the real stack (it signs in through Keystone).
    if ($target.Kind -eq 'openstack' -and (Get-Command openstack -ErrorAction SilentlyContinue)) {
        $env:OS_CLIENT_CONFIG_FILE = Join-Path $target.StateDir 'clouds.yaml'
        try {
            $osc = Measure-Pair -Times 3 -Before { Clear-TestKeyPair $target } `
                -Module { Invoke-TestPwsh "Import-Module '$ModulePath'; Import-VietnixKeyPair -Name osc $signIn -Path '$($pubFiles[0].FullName)' | Out-Null" | Out-Null } `
                -Reference { & openstack --os-cloud demo --os-compute-api-version 2.72 keypair create --public-key $pubFiles[0].FullName osc | Out-Null }
            Add-TimedRow 'one key from a new process: pwsh + Import-VietnixKeyPair' 'openstack keypair create' $osc
        }
        finally {
            Remove-Item env:OS_CLIENT_CONFIG_FILE
        }
        Clear-TestKeyPair $target
    }
    else {
        Add-Row 'python-openstackclient, one key' 'not measured' $(if ($target.Kind -eq 'openstack') { 'openstack is not installed' } else { 'real stack only (-Target Real)' }) ([double]::NaN)
    }

    # RSA: a new key pair from a new local key saved to a file, against ssh-keygen then an import.
    $script:next = 0
    foreach ($bits in 3072, 4096) {
        $rsa = Measure-Pair -Times 7 `
            -Module { $n = "rsa-$bits-$((++$script:next))"; New-VietnixKeyPair -Name $n -KeyAlgorithm Rsa -KeySize $bits -PrivateKeyPath (Join-Path $work $n) | Out-Null } `
            -Reference {
                $n = "rsa-$bits-$((++$script:next))"
                & ssh-keygen -q -t rsa -b $bits -N '' -f (Join-Path $work $n)
                Import-VietnixKeyPair -Name $n -Path (Join-Path $work "$n.pub") | Out-Null
            }
        Add-TimedRow "New-VietnixKeyPair -KeyAlgorithm Rsa -KeySize $bits -PrivateKeyPath" 'ssh-keygen -b, then Import-VietnixKeyPair' $rsa $(if ($bits -eq 4096) { 2 } else { 0 })
    }

    # bcrypt_pbkdf at ssh-keygen's 16 rounds (issue 13: at most 2x ssh-keygen). Each side's cost is
    # its run with a passphrase minus the same run without one, so process start-up and key
    # generation cancel out.
    Clear-TestKeyPair $target
    $plainFile = Join-Path $work 'kdf-plain'
    $protectedFile = Join-Path $work 'kdf-protected'
    & ssh-keygen -q -t ed25519 -N '' -f $plainFile
    & ssh-keygen -q -t ed25519 -N 'bench passphrase' -a 16 -f $protectedFile
    $passphrase = ConvertTo-SecureString 'bench passphrase' -AsPlainText -Force
    $with = Measure-Pair -Times 9 `
        -Module { $n = "kdf-$((++$script:next))"; New-VietnixKeyPair -Name $n -KeyAlgorithm Ed25519 -PrivateKeyPath (Join-Path $work $n) -Passphrase $passphrase | Out-Null } `
        -Reference { & ssh-keygen -y -P 'bench passphrase' -f $protectedFile | Out-Null }
    $without = Measure-Pair -Times 9 `
        -Module { $n = "kdf-$((++$script:next))"; New-VietnixKeyPair -Name $n -KeyAlgorithm Ed25519 -PrivateKeyPath (Join-Path $work $n) | Out-Null } `
        -Reference { & ssh-keygen -y -f $plainFile | Out-Null }
    $kdf = [pscustomobject]@{ Module = [Math]::Max($with.Module - $without.Module, 0.1); Reference = [Math]::Max($with.Reference - $without.Reference, 0.1) }
    Add-TimedRow 'bcrypt_pbkdf, 16 rounds: New-VietnixKeyPair -Passphrase, minus without' 'ssh-keygen -y -P, minus unencrypted' $kdf 2

    $cpu = if (Test-Path /proc/cpuinfo) { (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value } else { $env:PROCESSOR_IDENTIFIER }
    $machine = "$([Environment]::ProcessorCount) cores ($cpu), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion), load average $loadAtStart at the start"
    $against = if ($target.Kind -eq 'openstack') { "real Keystone and Nova at $($target.ComputeUrl)" } else { 'the local emulator' }

    "Measured $(Get-Date -Format 'yyyy-MM-dd HH:mm') UTC against $against; $machine."
    "Times are medians of interleaved runs; ratio = module / reference (lower is better)."
    ''
    '| measure | module | reference | ratio | goal |'
    '|---|---|---|---|---|'
    foreach ($row in $rows) {
        $ratio = if ($row.Ratio -eq 'NaN') { '–' } else { $row.Ratio }
        "| $($row.Measure) | $($row.Module) | $($row.Reference) | $ratio | $($row.Goal) |"
    }
}
finally {
    if (Get-Module Vietnix.Keypairs) {
        Clear-TestKeyPair $target
        Disconnect-VietnixAccount
    }
    Stop-TestTarget $target
    $httpClient.Dispose()
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
