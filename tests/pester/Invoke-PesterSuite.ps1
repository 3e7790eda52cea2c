<#
.SYNOPSIS
    Runs the Pester suite against the assembled module; build.ps1 calls it in a child pwsh.
.DESCRIPTION
    Writes {Passed, Failed, Skipped} to -ResultFile so build.ps1 can add the counts to xunit's.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OlderExtensionsHttpPath,
    # Where the Package task left the .nupkg and .zip (the Test task packages before Pester runs).
    [string] $PackageFolder,
    [Parameter(Mandatory)] [string] $ResultFile,
    [Parameter(Mandatory)] [string] $TestResultPath,
    [string] $Tag,
    [string] $ExcludeTag
)

$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $PesterPath

# The test files read these to find what they test.
$env:VIETNIX_TEST_MODULE = $ModulePath
$env:VIETNIX_TEST_EMULATOR = $EmulatorPath
$env:VIETNIX_TEST_OLDER_EXTENSIONS_HTTP = $OlderExtensionsHttpPath
$env:VIETNIX_TEST_PACKAGES = $PackageFolder

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.Output.RenderMode = 'Plaintext'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $TestResultPath
if ($Tag) { $configuration.Filter.Tag = $Tag -split ',' }
if ($ExcludeTag) { $configuration.Filter.ExcludeTag = $ExcludeTag -split ',' }

$result = Invoke-Pester -Configuration $configuration

# Failed blocks and containers (a broken BeforeAll, a file that does not parse) fail the run too.
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    # Tests left out by the tag filter are NotRun, not skipped, so only -Skip counts here.
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -Path $ResultFile
