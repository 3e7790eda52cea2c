<#
.SYNOPSIS
    Builds, tests and demonstrates the Vietnix.Keypairs module.
.DESCRIPTION
    Tasks run in the order given:
      Clean   removes module/ contents, out/ and every bin/ and obj/ folder.
      Build   publishes the projects and assembles module/Vietnix.Keypairs/ from an explicit file list.
      Test    Build, then xunit, then Pester in a child pwsh against the assembled module; prints "N passed, N failed".
      Demo    Build, then a short session against the local emulator, which is stopped afterwards.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -File build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    # pwsh -File passes "A,B" as one string, so each item is split on commas as well.
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
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

function Invoke-Clean {
    foreach ($folder in @($OutDir) + @(Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $folder) { Remove-Item -Recurse -Force $folder }
    }
    Get-ChildItem -Path (Join-Path $Root 'module') -Force | Where-Object Name -ne 'README.md' | Remove-Item -Recurse -Force
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
    Write-Host "Assembled $ModuleDir"
}

function Copy-ShippedFile([string] $Source, [string] $Destination) {
    if (-not (Test-Path $Source)) { throw "The module needs '$Source', which the build did not produce." }
    Copy-Item $Source $Destination
}

$tasks = $Task | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ }
foreach ($name in $tasks) {
    switch ($name) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        default { throw "Unknown task '$name'. Tasks: Clean, Build, Test, Demo." }
    }
}
