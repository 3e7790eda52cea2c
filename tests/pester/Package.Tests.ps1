# The packages of build.ps1 -Task Package, installed the way users install modules: by name, into a
# clean PowerShell whose module path holds nothing else, from a local file repository.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $ModuleFolder = Split-Path $env:VIETNIX_TEST_MODULE
    $PackageFolder = $env:VIETNIX_TEST_PACKAGES
    if (-not $PackageFolder -or -not (Test-Path $PackageFolder)) {
        throw 'VIETNIX_TEST_PACKAGES does not name the folder of the built packages; run the tests through build.ps1 -Task Test, which packages first.'
    }
    $RepositoryRoot = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $Manifest = Import-PowerShellDataFile (Join-Path $ModuleFolder 'Vietnix.Keypairs.psd1')
    $Prerelease = [string]$Manifest.PrivateData.PSData['Prerelease']
    $Version = if ($Prerelease) { "$($Manifest.ModuleVersion)-$Prerelease" } else { $Manifest.ModuleVersion }
    $Nupkg = Join-Path $PackageFolder "Vietnix.Keypairs.$Version.nupkg"
    $Zip = Join-Path $PackageFolder "Vietnix.Keypairs.$Version.zip"

    function Get-ModuleFileList {
        # The module folder's files, relative and with '/', as package entries name them.
        $base = (Resolve-Path $ModuleFolder).Path.TrimEnd('/', '\') + [IO.Path]::DirectorySeparatorChar
        @(Get-ChildItem $ModuleFolder -File -Recurse | ForEach-Object { $_.FullName.Substring($base.Length).Replace('\', '/') } | Sort-Object)
    }

    function Get-ArchiveEntry([string] $Path) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Path)
        try { @($archive.Entries | ForEach-Object { [uri]::UnescapeDataString($_.FullName) } | Sort-Object) }
        finally { $archive.Dispose() }
    }

    function Get-Nuspec {
        $archive = [IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $reader = [IO.StreamReader]::new($archive.GetEntry('Vietnix.Keypairs.nuspec').Open())
            try { ([xml]$reader.ReadToEnd()).package.metadata } finally { $reader.Dispose() }
        }
        finally { $archive.Dispose() }
    }

    function Get-ChangelogSection([string] $Heading) {
        # A CHANGELOG.md section's text, without its heading, read independently of build.ps1.
        $text = Get-Content -Raw (Join-Path $RepositoryRoot 'CHANGELOG.md')
        $match = [regex]::Match($text, "(?ms)^## \[$([regex]::Escape($Heading))\][^\n]*\n(?<body>.*?)(?=^## |^\[[^\]]+\]: |\z)")
        if (-not $match.Success) { throw "CHANGELOG.md has no section [$Heading]." }
        $match.Groups['body'].Value.Trim()
    }

    function New-TestRepository {
        # A file repository holding the package, as a user would have after downloading the .nupkg.
        $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "vietnix-repository-$([guid]::NewGuid().ToString('N'))")
        Copy-Item $Nupkg $folder
        $folder.FullName
    }
}

Describe 'The packages' {
    It 'has a .zip with Vietnix.Keypairs/ at its root holding exactly the module folder' {
        Get-ArchiveEntry $Zip | Should -Be @(Get-ModuleFileList | ForEach-Object { "Vietnix.Keypairs/$_" })
    }

    It 'has a .nupkg holding exactly the module folder, besides NuGet''s own parts' {
        $entries = Get-ArchiveEntry $Nupkg
        $nugetParts = $entries | Where-Object { $_ -eq 'Vietnix.Keypairs.nuspec' -or $_ -match '^(_rels/|package/|\[Content_Types\]\.xml$)' }
        @($nugetParts).Count | Should -BeGreaterThan 2
        $entries | Where-Object { $_ -notin $nugetParts } | Should -Be (Get-ModuleFileList)
    }

    It 'ships the manifest, the root DLL, dependencies, format data, help, the about topic and the licence, and nothing from tests or the build' {
        $files = Get-ModuleFileList
        foreach ($file in 'Vietnix.Keypairs.psd1', 'Vietnix.Keypairs.Format.ps1xml', 'en-US/Vietnix.Keypairs.dll-Help.xml', 'en-US/about_Vietnix_Keypairs.help.txt', 'LICENSE') {
            $files | Should -Contain $file
        }
        $files | Where-Object { $_ -like '*/Vietnix.Keypairs.Client.dll' } | Should -Not -BeNullOrEmpty
        $files | Where-Object { $_ -match '\.(pdb|cs|csproj|deps\.json|Tests\.ps1)$|(^|/)(obj|bin|tests)/|Emulator|xunit|Moq|Pester' } | Should -BeNullOrEmpty
    }

    It 'gives the gallery what its page shows' {
        $nuspec = Get-Nuspec
        $nuspec.id | Should -Be 'Vietnix.Keypairs'
        $nuspec.version | Should -Be $Version
        $tags = $nuspec.tags -split ' '
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'OpenStack', 'Nova', 'SSH', 'Vietnix') {
            $tags | Should -Contain $tag
        }
        $nuspec.projectUrl | Should -Be 'https://github.com/vietnix/Vietnix.Keypairs'
        $nuspec.licenseUrl | Should -Be 'https://github.com/vietnix/Vietnix.Keypairs/blob/main/LICENSE'
        $nuspec.description | Should -Be $Manifest.Description
        $nuspec.authors | Should -Be $Manifest.Author
        $nuspec.copyright | Should -Be $Manifest.Copyright
        $Manifest.CompanyName | Should -Not -BeNullOrEmpty
        $nuspec.releaseNotes.Trim() | Should -Be (Get-ChangelogSection $Version)
    }

    It 'carries one version everywhere: Directory.Build.props, the manifest, the assemblies and the package' {
        $props = [xml](Get-Content -Raw (Join-Path $RepositoryRoot 'Directory.Build.props'))
        $group = $props.Project.PropertyGroup | Where-Object { $_['ModuleVersion'] }
        $Manifest.ModuleVersion | Should -Be $group.ModuleVersion
        $Prerelease | Should -Be "$($group['ModulePrerelease'].InnerText)"
        foreach ($assembly in Get-ChildItem $ModuleFolder -Recurse -Filter 'Vietnix.Keypairs*.dll') {
            [Reflection.AssemblyName]::GetAssemblyName($assembly.FullName).Version | Should -Be ([version]"$($Manifest.ModuleVersion).0")
            [Diagnostics.FileVersionInfo]::GetVersionInfo($assembly.FullName).ProductVersion | Should -Be $Version
        }
        (Get-Nuspec).version | Should -Be $Version
    }

    It 'refuses to package a module folder whose manifest disagrees with Directory.Build.props' {
        $work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "vietnix-mismatch-$([guid]::NewGuid().ToString('N'))")
        try {
            $copy = Join-Path $work 'Vietnix.Keypairs'
            Copy-Item -Recurse $ModuleFolder $copy
            $manifestPath = Join-Path $copy 'Vietnix.Keypairs.psd1'
            (Get-Content -Raw $manifestPath) -replace "ModuleVersion(\s*)= '[^']+'", "ModuleVersion`$1= '99.0.0'" | Set-Content -NoNewline $manifestPath
            # build.ps1 dot-sourced with no task only defines its functions (in a scope of their own
            # here); its folders are then pointed at the copy.
            $build = Join-Path $RepositoryRoot 'build.ps1'
            $message = & {
                . $build -Task ''
                $ModuleDir = $copy
                $PackageDir = Join-Path $work 'packages'
                try { Invoke-Package; 'packaged' } catch { $_.Exception.Message }
            }
            $message | Should -Match "says $([regex]::Escape($Version)), but the manifest's ModuleVersion is 99\.0\.0"
            Test-Path (Join-Path $work 'packages') | Should -BeFalse
        }
        finally {
            Remove-Item -Recurse -Force $work
        }
    }
}

Describe 'Installed with Install-PSResource by name in a clean session' {
    BeforeAll {
        $Emulator = Start-TestEmulator
        $Repository = New-TestRepository
        $ProfileFolder = New-TestProfileFolder
        $NextVersion = ([version]$Manifest.ModuleVersion | ForEach-Object { "$($_.Major).$($_.Minor).$($_.Build + 1)" })
        $demo = Get-TestUser $Emulator 'demo'
        $Installed = Invoke-TestIsolatedPwsh -ProfileFolder $ProfileFolder -Environment @{
            VIETNIX_TEST_REPOSITORY    = $Repository
            VIETNIX_TEST_PRERELEASE    = $Prerelease
            VIETNIX_TEST_MODULE_FOLDER = $ModuleFolder
            VIETNIX_TEST_NEXT_VERSION  = $NextVersion
            VIETNIX_TEST_ENDPOINT      = $Emulator.ComputeUrl
            VIETNIX_TEST_PROJECT       = $demo.projectId
            VIETNIX_TEST_TOKEN         = $demo.token
            VIETNIX_TEST_PUBLIC_KEY    = (Get-Content -Raw (Join-Path $PSScriptRoot '../fixtures/keys/id_ed25519.pub')).Trim()
        } -ScriptBlock {
            # Only the (empty) user folder and PowerShell's own modules: nothing else to find by name.
            $userModules = Join-Path $env:XDG_DATA_HOME 'powershell/Modules'
            $env:PSModulePath = $userModules + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            $modulesBefore = @(Get-ChildItem $userModules).Count
            $prerelease = [bool]$env:VIETNIX_TEST_PRERELEASE

            Register-PSResourceRepository -Name VietnixTest -Uri $env:VIETNIX_TEST_REPOSITORY
            Install-PSResource Vietnix.Keypairs -Repository VietnixTest -TrustRepository -Prerelease:$prerelease
            Import-Module Vietnix.Keypairs
            $module = Get-Module Vietnix.Keypairs
            $examples = @((Get-Help New-VietnixKeyPair -Examples).examples.example)

            $null = Connect-VietnixAccount -Token (ConvertTo-SecureString $env:VIETNIX_TEST_TOKEN -AsPlainText -Force) -ProjectId $env:VIETNIX_TEST_PROJECT -Endpoint $env:VIETNIX_TEST_ENDPOINT
            $imported = Import-VietnixKeyPair -Name package-check -PublicKey $env:VIETNIX_TEST_PUBLIC_KEY
            $listedBefore = @(Get-VietnixKeyPair | ForEach-Object Name)
            Remove-VietnixKeyPair -Name package-check -Force
            $listedAfter = @(Get-VietnixKeyPair | ForEach-Object Name)

            # Version N+1: the same files repacked with the manifest's version bumped.
            $next = New-Item -ItemType Directory -Path (Join-Path $HOME 'next')
            Copy-Item -Recurse $env:VIETNIX_TEST_MODULE_FOLDER $next
            $nextManifest = Join-Path $next 'Vietnix.Keypairs/Vietnix.Keypairs.psd1'
            (Get-Content -Raw $nextManifest) -replace "ModuleVersion(\s*)= '[^']+'", "ModuleVersion`$1= '$env:VIETNIX_TEST_NEXT_VERSION'" | Set-Content -NoNewline $nextManifest
            Publish-PSResource -Path (Join-Path $next 'Vietnix.Keypairs') -Repository VietnixTest
            Update-PSResource Vietnix.Keypairs -Repository VietnixTest -TrustRepository -Prerelease:$prerelease

            [pscustomobject]@{
                PSModulePath      = $env:PSModulePath
                ModulesBefore     = $modulesBefore
                ModuleBase        = $module.ModuleBase
                ModuleVersion     = $module.Version.ToString()
                Commands          = @(Get-Command -Module Vietnix.Keypairs | ForEach-Object Name | Sort-Object)
                ExportedCmdlets   = @($module.ExportedCmdlets.Keys | Sort-Object)
                ExampleCount      = $examples.Count
                FirstExampleCode  = [string]$examples[0].code
                ImportedName      = $imported.Name
                ListedBefore      = $listedBefore
                ListedAfter       = $listedAfter
                InstalledVersions = @(Get-InstalledPSResource Vietnix.Keypairs | ForEach-Object { $_.Version.ToString() } | Sort-Object)
                AvailableFolders  = @(Get-Module -ListAvailable Vietnix.Keypairs | ForEach-Object { Split-Path -Leaf $_.ModuleBase } | Sort-Object)
                UserRepositories  = @(Get-PSResourceRepository | ForEach-Object Name)
            }
        }
    }

    AfterAll {
        Stop-TestEmulator $Emulator
        Remove-Item -Recurse -Force $Repository, $ProfileFolder -ErrorAction SilentlyContinue
    }

    It 'installs into a session whose module path is only an empty user folder and PowerShell''s own modules' {
        $paths = $Installed.PSModulePath -split [IO.Path]::PathSeparator
        $paths | Should -HaveCount 2
        $paths[0] | Should -BeLike "$ProfileFolder*"
        $Installed.ModulesBefore | Should -Be 0
    }

    It 'imports Vietnix.Keypairs by name from where Install-PSResource put it' {
        $Installed.ModuleBase | Should -BeLike "$ProfileFolder*Vietnix.Keypairs*$($Manifest.ModuleVersion)"
        $Installed.ModuleVersion | Should -Be $Manifest.ModuleVersion
    }

    It 'lists every cmdlet with Get-Command -Module' {
        $Installed.Commands | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        $Installed.Commands | Should -Be $Installed.ExportedCmdlets
    }

    It 'shows the examples of Get-Help New-VietnixKeyPair -Examples' {
        $Installed.ExampleCount | Should -BeGreaterThan 1
        $Installed.FirstExampleCode | Should -Match 'New-VietnixKeyPair'
    }

    It 'imports a key pair into the emulator and removes it again' {
        $Installed.ImportedName | Should -Be 'package-check'
        $Installed.ListedBefore | Should -Contain 'package-check'
        $Installed.ListedAfter | Should -Not -Contain 'package-check'
        # The emulator's own record: one create and one delete of that name.
        @(Get-TestEmulatorRequest $Emulator -Method POST | Where-Object path -match 'os-keypairs$').Count | Should -Be 1
        @(Get-TestEmulatorRequest $Emulator -Method DELETE | Where-Object path -match 'os-keypairs/package-check$').Count | Should -Be 1
    }

    It 'updates from N to N+1 with Update-PSResource, keeping both versions side by side' {
        $Installed.InstalledVersions | Should -Be @($Manifest.ModuleVersion, $NextVersion)
        $Installed.AvailableFolders | Should -Be @($Manifest.ModuleVersion, $NextVersion)
    }

    It 'loads N+1 by name in a new session' {
        $loaded = Invoke-TestIsolatedPwsh -ProfileFolder $ProfileFolder -ScriptBlock {
            $env:PSModulePath = (Join-Path $env:XDG_DATA_HOME 'powershell/Modules') + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            Import-Module Vietnix.Keypairs
            $module = Get-Module Vietnix.Keypairs
            [pscustomobject]@{ Version = $module.Version.ToString(); Folder = Split-Path -Leaf $module.ModuleBase; Commands = @(Get-Command -Module Vietnix.Keypairs).Count }
        }
        $loaded.Version | Should -Be $NextVersion
        $loaded.Folder | Should -Be $NextVersion
        $loaded.Commands | Should -Be $Manifest.CmdletsToExport.Count
    }

    It 'leaves the registration in the throwaway profile only' {
        $Installed.UserRepositories | Should -Contain 'VietnixTest'
        Test-Path (Join-Path $ProfileFolder '.local/share/PSResourceGet/PSResourceRepository.xml') | Should -BeTrue
    }
}

Describe 'Installed with Install-Module (PowerShellGet 2) in a clean session' {
    BeforeAll {
        $Repository = New-TestRepository
        $ProfileFolder = New-TestProfileFolder
        $Installed = Invoke-TestIsolatedPwsh -ProfileFolder $ProfileFolder -Environment @{
            VIETNIX_TEST_REPOSITORY = $Repository
            VIETNIX_TEST_PRERELEASE = $Prerelease
        } -ScriptBlock {
            $env:PSModulePath = (Join-Path $env:XDG_DATA_HOME 'powershell/Modules') + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            Import-Module PowerShellGet -MaximumVersion 2.99
            Register-PSRepository -Name VietnixTest -SourceLocation $env:VIETNIX_TEST_REPOSITORY -InstallationPolicy Trusted
            Install-Module Vietnix.Keypairs -Repository VietnixTest -Scope CurrentUser -AllowPrerelease:([bool]$env:VIETNIX_TEST_PRERELEASE)
            Import-Module Vietnix.Keypairs
            $module = Get-Module Vietnix.Keypairs
            [pscustomobject]@{
                PowerShellGet = (Get-Module PowerShellGet).Version.ToString()
                ModuleBase    = $module.ModuleBase
                Commands      = @(Get-Command -Module Vietnix.Keypairs | ForEach-Object Name | Sort-Object)
            }
        }
    }

    AfterAll {
        Remove-Item -Recurse -Force $Repository, $ProfileFolder -ErrorAction SilentlyContinue
    }

    It 'installs from the same kind of repository and imports by name' {
        $Installed.PowerShellGet | Should -BeLike '2.*'
        $Installed.ModuleBase | Should -BeLike "$ProfileFolder*Vietnix.Keypairs*$($Manifest.ModuleVersion)"
        $Installed.Commands | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
    }
}
