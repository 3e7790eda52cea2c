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
      Package Build, then out/packages/Vietnix.Keypairs.<version>.nupkg (Publish-PSResource to a
              throwaway local repository) and .zip (Vietnix.Keypairs/ at its root, for Azure
              Automation), each holding exactly the module folder; fails when the versions disagree.
      Test    Build, then xunit, then Package, then Pester in a child pwsh against the assembled module
              and its package; prints "N passed, N failed".
              The xunit tests of 8192- and 16384-bit RSA keys (minutes to generate) run in Integration instead.
      Demo    Build, then a short session against the local emulator, which is stopped afterwards.
      Benchmark  Build, then prints one markdown table of the module against what it replaces (import
              time, per-call time, bulk imports and removals, RSA generation, memory), measured side
              by side; against the emulator, or with -Target Real against the Integration stack.
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
    [switch] $NoBuild,

    # What the Benchmark task measures against: the local emulator, or the real Keystone and Nova.
    [ValidateSet('Emulator', 'Real')]
    [string] $Target = 'Emulator'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$Root = $PSScriptRoot
$ModuleName = 'Vietnix.Keypairs'
$ModuleDir = Join-Path $Root "module/$ModuleName"
$OutDir = Join-Path $Root 'out'
$PublishDir = Join-Path $OutDir 'publish'
$PackageDir = Join-Path $OutDir 'packages'

# xunit tests that generate RSA keys of 8192 and 16384 bits: too slow for every Test run.
$LargeRsaCategory = 'LargeRsaKeys'

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
    # Runs a native command and fails the build when it fails. Its output goes to the console, never
    # into the caller's result: Integration's count once summed start.sh's lines with Pester's.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    # The one place the version is written: Directory.Build.props (the assemblies read it there too).
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $version = $props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
    if ($version -notmatch '^\d+\.\d+\.\d+$') { throw "Directory.Build.props needs ModuleVersion as major.minor.patch, not '$version'." }
    # Interpolated, so an empty or missing label is '' rather than $null.
    $prerelease = "$($props.Project.PropertyGroup.ModulePrerelease | Where-Object { $_ } | Select-Object -First 1)"
    # PowerShellGet 2 and the gallery accept only letters and digits in the label.
    if ($prerelease -notmatch '^[A-Za-z0-9]*$') { throw "ModulePrerelease '$prerelease' may hold only letters and digits (for example preview1)." }
    [pscustomobject]@{
        ModuleVersion = $version
        Prerelease    = $prerelease
        Full          = if ($prerelease) { "$version-$prerelease" } else { $version }
    }
}

function Get-ReleaseNote([string] $Version) {
    # The CHANGELOG.md section of this version, which the gallery shows as the release notes.
    $lines = @(Get-Content (Join-Path $Root 'CHANGELOG.md'))
    $heading = "^## \[$([regex]::Escape($Version))\]"
    $start = 0
    while ($start -lt $lines.Count -and $lines[$start] -notmatch $heading) { $start++ }
    if ($start -eq $lines.Count) {
        throw "CHANGELOG.md has no '## [$Version]' section. Move the Unreleased entries under a new section for $Version, or set the version in Directory.Build.props to a released one."
    }
    # The section ends at the next version's heading or at the link references.
    $end = $start + 1
    while ($end -lt $lines.Count -and $lines[$end] -notmatch '^## |^\[[^\]]+\]: ') { $end++ }
    $notes = ($lines[$start..($end - 1)] | Select-Object -Skip 1) -join "`n"
    $notes = $notes.Trim()
    if (-not $notes) { throw "The CHANGELOG.md section for $Version is empty." }
    $notes
}

function New-ModuleManifestText([pscustomobject] $Version) {
    # The source manifest with its {{...}} fields filled in; single quotes are doubled for the psd1 strings.
    $text = Get-Content -Raw (Join-Path $Root "$ModuleName.psd1")
    $text.Replace('{{ModuleVersion}}', $Version.ModuleVersion).
        Replace('{{ModulePrerelease}}', $Version.Prerelease).
        Replace('{{ReleaseNotes}}', (Get-ReleaseNote $Version.Full).Replace("'", "''"))
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
    # The MIT licence asks for its notice in every copy, so it travels with the module.
    Copy-ShippedFile (Join-Path $Root 'LICENSE') $ModuleDir
    foreach ($file in $DependencyFiles) { Copy-ShippedFile (Join-Path $PublishDir $file) $dependencies }

    $manifest = New-ModuleManifestText (Get-ModuleVersion)
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

function Invoke-Package {
    # Packs the module folder exactly as Build left it, so the packages follow whatever it holds.
    $version = Get-ModuleVersion
    Assert-ModuleVersion $version
    if (Test-Path $PackageDir) { Remove-Item -Recurse -Force $PackageDir }
    New-Item -ItemType Directory -Force $PackageDir | Out-Null
    $moduleFiles = Get-ModuleFileList

    # Publish-PSResource writes to a repository registered in the user's profile. It runs in a child
    # pwsh whose profile folders are a throwaway folder, so the user's own registrations are never
    # read or changed, and the registration is gone with the folder.
    $publish = {
        $ErrorActionPreference = 'Stop'
        Register-PSResourceRepository -Name VietnixKeypairsBuild -Uri $env:VIETNIX_PACKAGE_REPOSITORY
        Publish-PSResource -Path $env:VIETNIX_PACKAGE_MODULE -Repository VietnixKeypairsBuild
        Unregister-PSResourceRepository -Name VietnixKeypairsBuild
    }
    Invoke-IsolatedPwsh $publish @{ VIETNIX_PACKAGE_REPOSITORY = $PackageDir; VIETNIX_PACKAGE_MODULE = $ModuleDir }

    $nupkg = Join-Path $PackageDir "$ModuleName.$($version.Full).nupkg"
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource did not write $nupkg; it wrote: $((Get-ChildItem $PackageDir).Name -join ', ')." }
    $archive = [IO.Compression.ZipFile]::OpenRead($nupkg)
    try {
        $nuspec = [xml](New-Object IO.StreamReader ($archive.GetEntry("$ModuleName.nuspec").Open())).ReadToEnd()
        # NuGet's own parts: the nuspec, the OPC relationships and content types, the core properties.
        $content = $archive.Entries.FullName | Where-Object { $_ -ne "$ModuleName.nuspec" -and $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$)' }
        $content = @($content | ForEach-Object { [uri]::UnescapeDataString($_) } | Sort-Object)
    }
    finally { $archive.Dispose() }
    if ($nuspec.package.metadata.version -ne $version.Full) {
        throw "The package says version $($nuspec.package.metadata.version), Directory.Build.props $($version.Full)."
    }
    Assert-SameFileList $content $moduleFiles $nupkg

    # Azure Automation imports a .zip whose root folder is named after the module.
    $zip = Join-Path $PackageDir "$ModuleName.$($version.Full).zip"
    [IO.Compression.ZipFile]::CreateFromDirectory($ModuleDir, $zip, [IO.Compression.CompressionLevel]::Optimal, $true)
    $archive = [IO.Compression.ZipFile]::OpenRead($zip)
    try { $content = @($archive.Entries.FullName | Sort-Object) }
    finally { $archive.Dispose() }
    Assert-SameFileList $content @($moduleFiles | ForEach-Object { "$ModuleName/$_" }) $zip

    Write-Host "Packaged $ModuleName $($version.Full): $nupkg, $zip"
}

function Get-ModuleFileList {
    # The module folder's files, relative and with '/' as package entries name them.
    $base = (Resolve-Path $ModuleDir).Path.TrimEnd('/', '\') + [IO.Path]::DirectorySeparatorChar
    @(Get-ChildItem $ModuleDir -File -Recurse | ForEach-Object { $_.FullName.Substring($base.Length).Replace('\', '/') } | Sort-Object)
}

function Assert-SameFileList([string[]] $Actual, [string[]] $Expected, [string] $Package) {
    $difference = Compare-Object $Expected $Actual -CaseSensitive
    if ($difference) {
        $missing = ($difference | Where-Object SideIndicator -eq '<=').InputObject
        $extra = ($difference | Where-Object SideIndicator -eq '=>').InputObject
        throw "$Package does not hold exactly the module folder. Missing: $($missing -join ', '). Not in the module: $($extra -join ', ')."
    }
}

function Assert-ModuleVersion([pscustomobject] $Version) {
    # The manifest and every assembly of ours must carry the version of Directory.Build.props.
    $problems = @()
    $manifest = Import-PowerShellDataFile (Join-Path $ModuleDir "$ModuleName.psd1")
    if ($manifest.ModuleVersion -ne $Version.ModuleVersion) { $problems += "the manifest's ModuleVersion is $($manifest.ModuleVersion)" }
    $prerelease = [string]$manifest.PrivateData.PSData['Prerelease']
    if ($prerelease -ne $Version.Prerelease) { $problems += "the manifest's Prerelease is '$prerelease'" }
    foreach ($assembly in Get-ChildItem $ModuleDir -Recurse -Filter "$ModuleName*.dll") {
        $assemblyVersion = [Reflection.AssemblyName]::GetAssemblyName($assembly.FullName).Version.ToString()
        $productVersion = [Diagnostics.FileVersionInfo]::GetVersionInfo($assembly.FullName).ProductVersion
        if ($assemblyVersion -ne "$($Version.ModuleVersion).0") { $problems += "$($assembly.Name) has assembly version $assemblyVersion" }
        if ($productVersion -ne $Version.Full) { $problems += "$($assembly.Name) has product version $productVersion" }
    }
    if ($problems) {
        throw "Directory.Build.props says $($Version.Full), but $($problems -join '; '). Run the Build task again (or Clean, Build) before Package."
    }
}

function Invoke-IsolatedPwsh([scriptblock] $Script, [hashtable] $Environment) {
    # Runs a script in a new pwsh whose HOME and XDG folders are a fresh temp folder, removed afterwards.
    $profileFolder = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "vietnix-build-$([guid]::NewGuid().ToString('N'))")
    try {
        # The default folders under HOME, made first: .NET answers an empty path for a special folder
        # that does not exist, and PSResourceGet then writes its registrations to the current folder.
        $variables = @{ HOME = $profileFolder.FullName }
        foreach ($entry in @{ XDG_DATA_HOME = '.local/share'; XDG_CONFIG_HOME = '.config'; XDG_CACHE_HOME = '.cache' }.GetEnumerator()) {
            $variables[$entry.Key] = (New-Item -ItemType Directory (Join-Path $profileFolder $entry.Value)).FullName
        }
        $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script.ToString()))) {
            $start.ArgumentList.Add($argument)
        }
        $start.WorkingDirectory = $profileFolder.FullName
        foreach ($entry in ($variables + $Environment).GetEnumerator()) { $start.Environment[$entry.Key] = [string]$entry.Value }
        $process = [Diagnostics.Process]::Start($start)
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "The isolated pwsh failed with exit code $($process.ExitCode)." }
    }
    finally {
        Remove-Item -Recurse -Force $profileFolder -ErrorAction SilentlyContinue
    }
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
        '-PackageFolder', $PackageDir,
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
    $xunit = Invoke-Xunit (Join-Path $Root "$ModuleName.sln") "Category!=$LargeRsaCategory" $results

    # The Pester suite installs the package, so a broken package fails the run.
    Invoke-Package
    $pester = Invoke-PesterSuite -Name 'unit' -ExcludeTag 'Integration'
    Write-TestSummary 'Test' @($xunit, $pester)
}

function Invoke-Xunit([string] $Project, [string] $Filter, [string] $ResultsDirectory) {
    if (Test-Path $ResultsDirectory) { Remove-Item -Recurse -Force $ResultsDirectory }
    & dotnet test $Project -c $Configuration --no-build --nologo --filter $Filter --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $ResultsDirectory | Out-Host
    $exitCode = $LASTEXITCODE
    $count = Get-XunitCount $ResultsDirectory
    if ($exitCode -ne 0 -and $count.Failed -eq 0) { $count.Failed = 1 }
    $count
}

function Invoke-WithRealStack([scriptblock] $Action) {
    # Real Keystone and Nova (tests/openstack): installed and started if needed, and left as found.
    # $Action gets the stack's target.json.
    $stack = Join-Path $Root 'tests/openstack'
    $state = if ($env:VIETNIX_OPENSTACK_STATE) { $env:VIETNIX_OPENSTACK_STATE } else { '/tmp/vietnix-openstack' }
    $targetFile = Join-Path $state 'target.json'

    Invoke-Native bash @((Join-Path $stack 'install.sh'))

    # start.sh keeps target.json only while both services answer, so it tells whether the stack was up.
    $wasRunning = Test-Path $targetFile
    Invoke-Native bash @((Join-Path $stack 'start.sh'))
    try {
        & $Action $targetFile
    }
    finally {
        if (-not $wasRunning) { Invoke-Native bash @((Join-Path $stack 'stop.sh')) }
    }
}

function Invoke-Integration {
    Invoke-BuildOnce
    $largeRsa = Invoke-Xunit (Join-Path $Root 'tests/Vietnix.Keypairs.Client.Tests/Vietnix.Keypairs.Client.Tests.csproj') "Category=$LargeRsaCategory" (Join-Path $OutDir 'xunit-large-rsa')
    $pester = Invoke-WithRealStack {
        param($targetFile)
        try {
            $env:VIETNIX_TEST_TARGET = 'openstack'
            $env:VIETNIX_TEST_TARGET_FILE = $targetFile
            Invoke-PesterSuite -Name 'integration' -Tag 'Contract', 'Integration'
        }
        finally {
            Remove-Item env:VIETNIX_TEST_TARGET, env:VIETNIX_TEST_TARGET_FILE -ErrorAction SilentlyContinue
        }
    }

    Write-TestSummary 'Integration' @($largeRsa, $pester)
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
    $measure = {
        param([string[]] $TargetArguments)
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/benchmarks/Measure-Module.ps1') `
            -ModulePath (Join-Path $ModuleDir "$ModuleName.psd1") @TargetArguments | Out-Host
        if ($LASTEXITCODE -ne 0) { throw 'The benchmark failed.' }
    }
    if ($Target -eq 'Real') {
        Invoke-WithRealStack { param($targetFile) & $measure @('-TargetFile', $targetFile) }
    }
    else {
        & $measure @('-EmulatorPath', (Get-EmulatorPath))
    }
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
$knownTasks = 'Clean', 'Build', 'Package', 'Test', 'Demo', 'Benchmark', 'Integration'
# A misspelt task fails the run before the tasks before it spend minutes.
foreach ($name in $tasks) {
    if ($name -notin $knownTasks) { throw "Unknown task '$name'. Tasks: $($knownTasks -join ', ')." }
}
foreach ($name in $tasks) {
    switch ($name) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Package' { Invoke-BuildOnce; Invoke-Package }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Benchmark' { Invoke-Benchmark }
        'Integration' { Invoke-Integration }
    }
}
Complete-TestRun
