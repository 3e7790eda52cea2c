BeforeAll {
    $ManifestPath = $env:VIETNIX_TEST_MODULE
    $ModuleFolder = Split-Path $ManifestPath
    Import-Module $ManifestPath -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The module manifest' {
    It 'is valid and exports exactly the cmdlets' {
        $manifest = Test-ModuleManifest -Path $ManifestPath
        $manifest.ExportedCmdlets.Keys | Sort-Object | Should -Be @(
            'Connect-VietnixAccount', 'Disconnect-VietnixAccount', 'Get-VietnixContext', 'Get-VietnixKeyPair',
            'Get-VietnixPublicKeyInfo', 'Import-VietnixKeyPair', 'New-VietnixKeyPair', 'Remove-VietnixKeyPair',
            'Test-VietnixKeyPair')
        (Get-Command -Module Vietnix.Keypairs).Name | Sort-Object | Should -Be ($manifest.ExportedCmdlets.Keys | Sort-Object)
    }

    It 'exports no functions, variables or aliases, and names both editions' {
        $data = Import-PowerShellDataFile $ManifestPath
        $data.FunctionsToExport | Should -BeNullOrEmpty
        $data.VariablesToExport | Should -BeNullOrEmpty
        $data.AliasesToExport | Should -BeNullOrEmpty
        $data.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $data.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
    }

    It 'keeps the client and its dependencies out of the module root' {
        Get-ChildItem $ModuleFolder -Filter *.dll | ForEach-Object Name | Should -Be @('Vietnix.Keypairs.dll')
        Test-Path (Join-Path $ModuleFolder 'dependencies/Vietnix.Keypairs.Client.dll') | Should -BeTrue
    }
}

Describe 'The connection parameters' {
    It 'are the same on Connect-VietnixAccount and <Command>: type, validation and completion' -ForEach @(
        'Get-VietnixKeyPair', 'New-VietnixKeyPair', 'Import-VietnixKeyPair', 'Remove-VietnixKeyPair', 'Test-VietnixKeyPair' | ForEach-Object { @{ Command = $_ } }
    ) {
        $connectionParameters = 'Region', 'Interface', 'Endpoint', 'ApiVersion', 'SkipCertificateCheck', 'CACertificatePath', 'MaxRetries', 'TimeoutSec'
        function Describe-Parameter([System.Management.Automation.ParameterMetadata] $Parameter) {
            $attributes = $Parameter.Attributes | Where-Object { $_ -isnot [System.Management.Automation.ParameterAttribute] } | ForEach-Object {
                switch ($_) {
                    { $_ -is [System.Management.Automation.ValidateRangeAttribute] } { "range $($_.MinRange)..$($_.MaxRange)" }
                    { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } { "completer $($_.Type.Name)" }
                    default { $_.GetType().Name }
                }
            }
            "$($Parameter.Name) [$($Parameter.ParameterType.Name)] $(@($attributes | Sort-Object) -join ', ')"
        }

        $connect = (Get-Command Connect-VietnixAccount).Parameters
        $other = (Get-Command $Command).Parameters
        $expected = $connectionParameters | ForEach-Object { Describe-Parameter $connect[$_] }
        $actual = $connectionParameters | ForEach-Object { $other[$_] | Should -Not -BeNullOrEmpty -Because "$Command takes -$_"; Describe-Parameter $other[$_] }
        $actual | Should -Be $expected
        $expected | Should -Contain 'MaxRetries [Nullable`1] range 0..10'
        $expected | Should -Contain 'Region [String] completer RegionCompleter'
    }
}

Describe 'The formatted views' {
    BeforeAll {
        # The views load with the first command run in a runspace, not at Import-Module.
        Get-VietnixContext | Out-Null
    }

    It 'are loaded by the first command, not by Import-Module, in each new session' {
        $probe = {
            $types = 'Vietnix.Keypairs.KeyPair', 'Vietnix.Keypairs.PublicKeyInfo', 'Vietnix.Keypairs.KeyPairComparison', 'Vietnix.Keypairs.VietnixContext'
            $viewCount = { @(Get-FormatData -TypeName $types -PowerShellVersion $PSVersionTable.PSVersion).Count }
            "after import: $(& $viewCount)"
            Get-VietnixContext | Out-Null
            "after a command: $(& $viewCount)"
            Get-VietnixContext | Out-Null
            "after another: $(& $viewCount)"
        }
        $lines = Invoke-TestPwsh "Import-Module '$ManifestPath'; $probe"
        $lines | Should -Be @('after import: 0', 'after a command: 4', 'after another: 4')

        # A thread job's runspace imports the module on its own and gets the views the same way.
        $threadLines = Invoke-TestPwsh "Import-Module '$ManifestPath'; Start-ThreadJob { Import-Module '$ManifestPath'; $probe } | Receive-Job -Wait -AutoRemoveJob"
        $threadLines | Should -Be @('after import: 0', 'after a command: 4', 'after another: 4')
    }

    It 'shows Name, Type, Algorithm and Fingerprint in the table' {
        $table = Get-FormatData -TypeName Vietnix.Keypairs.KeyPair -PowerShellVersion $PSVersionTable.PSVersion |
            ForEach-Object FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
        $table.Control.Headers.Label | Should -Be @('Name', 'Type', 'Algorithm', 'Fingerprint')
    }

    It 'never shows the private key in any view' {
        $views = Get-FormatData -TypeName Vietnix.Keypairs.KeyPair -PowerShellVersion $PSVersionTable.PSVersion | ForEach-Object FormatViewDefinition
        foreach ($view in $views) {
            ($view.Control | ConvertTo-Json -Depth 10) | Should -Not -Match 'PrivateKey"'
        }
    }
}

Describe 'Dependency isolation' {
    It 'has a cmdlet assembly that references no Microsoft.Extensions.* or System.Text.Json' {
        $references = (Get-Module Vietnix.Keypairs).ImplementingAssembly.GetReferencedAssemblies().Name
        $references | Where-Object { $_ -like 'Microsoft.Extensions.*' -or $_ -eq 'System.Text.Json' } | Should -BeNullOrEmpty
    }

    It 'works in a session where another version of Microsoft.Extensions.Http was loaded first' {
        $emulator = Start-TestEmulator
        try {
            $script = {
                param($older, $module, $helpers, $emulator)
                $ErrorActionPreference = 'Stop'
                $preloaded = [Reflection.Assembly]::LoadFrom($older)
                Import-Module $module, $helpers
                Connect-TestAccount $emulator
                Import-VietnixKeyPair -Name isolated -PublicKey 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e isolation' | Out-Null
                $listed = Get-VietnixKeyPair
                $ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.Http' -and $_ -ne $preloaded }
                [pscustomobject]@{
                    Preloaded  = $preloaded.GetName().Version.ToString()
                    Ours       = @($ours | ForEach-Object { $_.GetName().Version.ToString() })
                    OursLoadContext = @($ours | ForEach-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).GetType().Name })
                    ClientLoadContext = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(
                        ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Vietnix.Keypairs.Client' })).GetType().Name
                    Listed     = @($listed.Name)
                }
            }
            $job = Start-Job -ScriptBlock $script -ArgumentList $env:VIETNIX_TEST_OLDER_EXTENSIONS_HTTP, $env:VIETNIX_TEST_MODULE, (Join-Path $PSScriptRoot 'TestHelpers.psm1'), ([pscustomobject]@{ ComputeUrl = $emulator.ComputeUrl; Users = $emulator.Users })
            $result = $job | Wait-Job -Timeout 120 | Receive-Job
            $job | Remove-Job -Force

            $result.Preloaded | Should -Be '6.0.0.0'
            $result.Ours | Should -Be @('8.0.0.0')
            $result.OursLoadContext | Should -Be @('IsolatedLoadContext')
            $result.ClientLoadContext | Should -Be 'IsolatedLoadContext'
            $result.Listed | Should -Be @('isolated')
        }
        finally {
            Stop-TestEmulator $emulator
        }
    }
}
