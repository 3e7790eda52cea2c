<#
.SYNOPSIS
    Builds, tests and demonstrates the Vietnix.Keypairs module.
.DESCRIPTION
    Tasks run in the order given, and the build happens once per run: the tasks after a Build (or
    after a task that built) use it, so -Task Test,Integration builds once. Each test task prints
    its own "N passed, N failed"; when several ran, a last line gives their sum. A failed test does
    not stop the tasks after it: the script exits non-zero at the end if any test failed.
      Clean   removes module/ contents, out/ and every bin/ and obj/ folder.
      Build   publishes the projects and assembles module/Vietnix.Keypairs/ from an explicit file list.
      Test    Build, then xunit, then Pester in a child pwsh against the assembled module; prints "N passed, N failed".
      Demo    Build, then a short session against the local emulator, which is stopped afterwards.
      Benchmark  Build, then prints import time, call latency (next to Invoke-RestMethod) and memory.
      Integration  Build, then the contract and integration tests against real Keystone and Nova
              (OpenStack Zed from Debian packages, tests/openstack), started if needed and left
              as found; prints "N passed, N failed".
.EXAMPLE
    dotnet tool restore && dotnet pwsh -File build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh -File build.ps1 -Task Integration -NoBuild

    Runs the integration tier against the module and tests an earlier Build or Test left in this tree.
#>
[CmdletBinding()]
param(
    # pwsh -File passes "A,B" as one string, so each item is split on commas as well.
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test, Demo, Benchmark and Integration use what an earlier run built, instead of building first.
    [switch] $NoBuild
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$Root = $PSScriptRoot
$ModuleName = 'Vietnix.Keypairs'
$ModuleDir = Join-Path $Root "module/$ModuleName"
$OutDir = Join-Path $Root 'out'
$PublishDir = Join-Path $OutDir 'publish'

# What the module ships. Build fails when one is missing, and when publishing produced a DLL that
# is not listed here (a new dependency must be placed deliberately).
$RootFiles = @(
    'Vietnix.Keypairs.dll'
    'Vietnix.Keypairs.Format.ps1xml'
)
$HelpFiles = @(
    'en-US/Vietnix.Keypairs.dll-Help.xml'
    'en-US/about_Vietnix_Keypairs.help.txt'
)
$DependencyFiles = @(
    'Vietnix.Keypairs.Client.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'Microsoft.Extensions.Configuration.Abstractions.dll'
    'Microsoft.Extensions.DependencyInjection.Abstractions.dll'
    'Microsoft.Extensions.DependencyInjection.dll'
    'Microsoft.Extensions.Http.dll'
    'Microsoft.Extensions.Logging.Abstractions.dll'
    'Microsoft.Extensions.Logging.dll'
    'Microsoft.Extensions.Options.dll'
    'Microsoft.Extensions.Primitives.dll'
    'System.Buffers.dll'
    'System.ComponentModel.Annotations.dll'
    'System.Diagnostics.DiagnosticSource.dll'
    'System.IO.FileSystem.AccessControl.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Security.AccessControl.dll'
    'System.Security.Principal.Windows.dll'
    'System.Text.Encodings.Web.dll'
    'System.Text.Json.dll'
    'System.Threading.Tasks.Extensions.dll'
    'YamlDotNet.dll'
    'BouncyCastle.Cryptography.dll'
)

function Invoke-Native {
    # Runs a native command and fails the build when it fails.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $version = $props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
    if (-not $version) { throw 'Directory.Build.props has no ModuleVersion.' }
    $version
}

# Whether this run has built (or, with -NoBuild, is to use what is there), and the test tasks' results.
$script:Built = $NoBuild.IsPresent
$script:TestSummaries = [System.Collections.Generic.List[object]]::new()

function Invoke-Clean {
    foreach ($folder in @($OutDir) + @(Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $folder) { Remove-Item -Recurse -Force $folder }
    }
    if (Test-Path $ModuleDir) { Remove-Item -Recurse -Force (Split-Path $ModuleDir) }
    $script:Built = $false
}

function Invoke-BuildOnce {
    # The tasks that need the module build it only when this run has not.
    if (-not $script:Built) { Invoke-Build }
    if (-not (Test-Path (Join-Path $ModuleDir "$ModuleName.psd1"))) {
        throw "There is no assembled module in $ModuleDir to use with -NoBuild: run the Build task first."
    }
}

function Invoke-Build {
    if (Test-Path $PublishDir) { Remove-Item -Recurse -Force $PublishDir }
    Invoke-Native dotnet @('build', (Join-Path $Root "$ModuleName.sln"), '-c', $Configuration, '--nologo', '-v', 'quiet')
    Invoke-Native dotnet @('publish', (Join-Path $Root "src/$ModuleName/$ModuleName.csproj"), '-c', $Configuration, '--no-build', '-o', $PublishDir, '--nologo', '-v', 'quiet')

    $unexpected = Get-ChildItem $PublishDir -Filter *.dll | Where-Object Name -notin ($RootFiles + $DependencyFiles)
    if ($unexpected) {
        throw "Publishing produced DLLs that build.ps1 does not list: $($unexpected.Name -join ', '). Add each to `$DependencyFiles deliberately."
    }

    if (Test-Path $ModuleDir) { Remove-Item -Recurse -Force $ModuleDir }
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleDir 'dependencies')
    foreach ($file in $RootFiles) { Copy-ShippedFile (Join-Path $PublishDir $file) $ModuleDir }
    foreach ($file in $DependencyFiles) { Copy-ShippedFile (Join-Path $PublishDir $file) $dependencies }

    $manifest = (Get-Content -Raw (Join-Path $Root "$ModuleName.psd1")).Replace('{{ModuleVersion}}', (Get-ModuleVersion))
    Set-Content -Path (Join-Path $ModuleDir "$ModuleName.psd1") -Value $manifest -Encoding utf8NoBOM -NoNewline

    # The help compiler imports the built module, so it runs in a child pwsh.
    $helpSource = Join-Path $Root "src/$ModuleName/help"
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $helpSource 'Build-Help.ps1'),
        '-ModulePath', (Join-Path $ModuleDir "$ModuleName.psd1"), '-HelpSource', $helpSource, '-OutputFolder', $ModuleDir)
    foreach ($file in $HelpFiles) {
        if (-not (Test-Path (Join-Path $ModuleDir $file))) { throw "The help build did not produce $file." }
    }
    Write-Host "Assembled $ModuleDir"
    $script:Built = $true
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    ($line -replace '^global-packages:\s*', '').Trim()
}

function Restore-TestTool {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/tools/TestTools.csproj'), '--nologo', '-v', 'quiet')
    $packages = Get-NuGetPackageRoot
    $pester = Join-Path $packages 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 6.2.0 was not restored to $pester." }
    [pscustomobject]@{
        Pester              = $pester
        OlderExtensionsHttp = Join-Path $packages 'microsoft.extensions.http/6.0.0/lib/netstandard2.0/Microsoft.Extensions.Http.dll'
    }
}

function Get-EmulatorPath {
    $path = Join-Path $Root "tests/Vietnix.Keypairs.Emulator/bin/$Configuration/net10.0/Vietnix.Keypairs.Emulator.dll"
    if (-not (Test-Path $path)) { throw "The emulator was not built: $path is missing." }
    $path
}

function Get-XunitCount([string] $ResultsDirectory) {
    # dotnet test writes one TRX per test project; skipped tests are those not executed.
    $count = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in Get-ChildItem $ResultsDirectory -Filter *.trx -Recurse) {
        $counters = ([xml](Get-Content -Raw -LiteralPath $trx.FullName)).TestRun.ResultSummary.Counters
        $count.Passed += [int]$counters.passed
        $count.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $count.Skipped += [int]$counters.total - [int]$counters.executed
    }
    $count
}

function Invoke-PesterSuite {
    param([string[]] $Tag = @(), [string[]] $ExcludeTag = @(), [string] $Name)
    $tools = Restore-TestTool
    $resultFile = Join-Path $OutDir "pester-$Name.json"
    $arguments = @(
        'pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1'),
        '-PesterPath', $tools.Pester,
        '-ModulePath', (Join-Path $ModuleDir "$ModuleName.psd1"),
        '-EmulatorPath', (Get-EmulatorPath),
        '-OlderExtensionsHttpPath', $tools.OlderExtensionsHttp,
        '-ResultFile', $resultFile,
        '-TestResultPath', (Join-Path $OutDir "pester-$Name.xml")
    )
    if ($Tag) { $arguments += @('-Tag', ($Tag -join ',')) }
    if ($ExcludeTag) { $arguments += @('-ExcludeTag', ($ExcludeTag -join ',')) }

    # A child pwsh keeps the built DLLs unlocked and the tests' session clean. Its output goes to
    # the console, not into this function's result.
    & dotnet @arguments | Out-Host
    if (-not (Test-Path $resultFile)) {
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Get-Content -Raw $resultFile | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-BuildOnce
    $results = Join-Path $OutDir 'xunit'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    & dotnet test (Join-Path $Root "$ModuleName.sln") -c $Configuration --no-build --nologo --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $xunit = Get-XunitCount $results
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }

    $pester = Invoke-PesterSuite -Name 'unit' -ExcludeTag 'Integration'
    Write-TestSummary 'Test' @($xunit, $pester)
}

function Invoke-Integration {
    Invoke-BuildOnce
    $stack = Join-Path $Root 'tests/openstack'
    $state = if ($env:VIETNIX_OPENSTACK_STATE) { $env:VIETNIX_OPENSTACK_STATE } else { '/tmp/vietnix-openstack' }
    $targetFile = Join-Path $state 'target.json'

    Invoke-Native bash @((Join-Path $stack 'install.sh'))

    # start.sh keeps target.json only while both services answer, so it tells whether the stack was up.
    $wasRunning = Test-Path $targetFile
    Invoke-Native bash @((Join-Path $stack 'start.sh'))
    try {
        $env:VIETNIX_TEST_TARGET = 'openstack'
        $env:VIETNIX_TEST_TARGET_FILE = $targetFile
        $pester = Invoke-PesterSuite -Name 'integration' -Tag 'Contract', 'Integration'
    }
    finally {
        Remove-Item env:VIETNIX_TEST_TARGET, env:VIETNIX_TEST_TARGET_FILE -ErrorAction SilentlyContinue
        if (-not $wasRunning) { Invoke-Native bash @((Join-Path $stack 'stop.sh')) }
    }

    Write-TestSummary 'Integration' @($pester)
}

function Invoke-Demo {
    Invoke-BuildOnce
    $work = New-Item -ItemType Directory -Force (Join-Path $OutDir 'demo')
    Invoke-Native dotnet @(
        'pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/demo/Invoke-Demo.ps1'),
        '-ModulePath', (Join-Path $ModuleDir "$ModuleName.psd1"), '-EmulatorPath', (Get-EmulatorPath), '-WorkFolder', $work)
}

function Invoke-Benchmark {
    Invoke-BuildOnce
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/benchmarks/Measure-Module.ps1') `
        -ModulePath (Join-Path $ModuleDir "$ModuleName.psd1") -EmulatorPath (Get-EmulatorPath) | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'The benchmark failed.' }
}

function Write-TestSummary([string] $TaskName, [object[]] $Counts) {
    $passed = ($Counts | Measure-Object -Property Passed -Sum).Sum
    $skipped = ($Counts | Measure-Object -Property Skipped -Sum).Sum
    # A skipped test proves nothing, so it counts as a failure.
    $failed = ($Counts | Measure-Object -Property Failed -Sum).Sum + $skipped
    if ($skipped) { Write-Host "$skipped skipped test(s) are counted as failed." }
    Write-Host "$passed passed, $failed failed"
    # The exit status waits for the end of the task list, so the tasks after a failure still run.
    $script:TestSummaries.Add([pscustomobject]@{ Task = $TaskName; Passed = $passed; Failed = $failed })
}

function Complete-TestRun {
    # Ends the run: the sum when several test tasks ran (the last line, as CI reads it), and exit
    # code 1 when any test failed.
    if ($script:TestSummaries.Count -gt 1) {
        $passed = ($script:TestSummaries | Measure-Object -Property Passed -Sum).Sum
        $failed = ($script:TestSummaries | Measure-Object -Property Failed -Sum).Sum
        Write-Host "$($script:TestSummaries.Task -join ' and ') together:"
        Write-Host "$passed passed, $failed failed"
    }
    if (@($script:TestSummaries | Where-Object Failed -gt 0).Count -gt 0) { exit 1 }
}

function Copy-ShippedFile([string] $Source, [string] $Destination) {
    if (-not (Test-Path $Source)) { throw "The module needs '$Source', which the build did not produce." }
    Copy-Item $Source $Destination
}

$tasks = $Task | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ }
$knownTasks = 'Clean', 'Build', 'Test', 'Demo', 'Benchmark', 'Integration'
# A misspelt task fails the run before the tasks before it spend minutes.
foreach ($name in $tasks) {
    if ($name -notin $knownTasks) { throw "Unknown task '$name'. Tasks: $($knownTasks -join ', ')." }
}
foreach ($name in $tasks) {
    switch ($name) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Benchmark' { Invoke-Benchmark }
        'Integration' { Invoke-Integration }
    }
}
Complete-TestRun
