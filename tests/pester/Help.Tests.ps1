BeforeAll { Import-Module $env:VIETNIX_TEST_MODULE -Force }

BeforeDiscovery {
    $module = Import-Module $env:VIETNIX_TEST_MODULE -Force -PassThru
    $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters
    $helpSource = Join-Path $PSScriptRoot '../../src/Vietnix.Keypairs/help'

    function Get-ParameterSectionText {
        # '### -Name' heading -> the text of the section's first paragraph, as the markdown has it
        # (lines joined, links as text), from a help markdown file's '## PARAMETERS' section.
        param([Parameter(Mandatory)] [string] $Path)
        $sections = @{}
        $inParameters = $false
        $name = $null
        $paragraph = $null
        foreach ($line in Get-Content -LiteralPath $Path -Encoding utf8) {
            if ($line -match '^## (.+)$') { $inParameters = $Matches[1].Trim() -eq 'PARAMETERS'; $name = $null; continue }
            if (-not $inParameters) { continue }
            if ($line -match '^### -(\w+)\s*$') { $name = $Matches[1]; $paragraph = [System.Collections.Generic.List[string]]::new(); continue }
            if ($null -eq $name -or $sections.ContainsKey($name)) { continue }
            if ($line.Trim()) { $paragraph.Add($line.Trim()) }
            elseif ($paragraph.Count) { $sections[$name] = $paragraph -join ' ' }
        }
        if ($null -ne $name -and -not $sections.ContainsKey($name) -and $paragraph.Count) { $sections[$name] = $paragraph -join ' ' }
        # As Build-Help.ps1 writes links: a web link keeps its address, a link to a help page does not.
        foreach ($key in @($sections.Keys)) {
            $sections[$key] = [regex]::Replace($sections[$key], '\[([^\]]+)\]\(([^)]*)\)', {
                    param($match)
                    if ($match.Groups[2].Value -match '^https?://') { "$($match.Groups[1].Value) ($($match.Groups[2].Value))" } else { $match.Groups[1].Value }
                })
        }
        $sections
    }

    # One entry per exported cmdlet, with the parameters its help must describe (-WhatIf and
    # -Confirm included, the common parameters left out).
    $Cmdlets = foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters } | Sort-Object | ForEach-Object { @{ Parameter = $_ } })
        }
    }

    # Parameters documented once in a shared Common-*.md file, with what each cmdlet's help must
    # show as the first paragraph of their description: the cmdlet's own section when its markdown
    # has one (it wins), the shared section otherwise.
    $sharedFiles = @(Get-ChildItem -LiteralPath $helpSource -Filter 'Common-*.md' -File)
    $SharedParameters = foreach ($file in $sharedFiles) {
        $shared = Get-ParameterSectionText -Path $file.FullName
        foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
            $own = Get-ParameterSectionText -Path (Join-Path $helpSource "$($command.Name).md")
            foreach ($parameter in $shared.Keys | Where-Object { $command.Parameters.ContainsKey($_) } | Sort-Object) {
                @{
                    Name      = $command.Name
                    Parameter = $parameter
                    Origin    = if ($own.ContainsKey($parameter)) { "$($command.Name).md" } else { $file.Name }
                    Expected  = if ($own.ContainsKey($parameter)) { $own[$parameter] } else { $shared[$parameter] }
                }
            }
        }
    }
}

Describe 'Help for <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ })
    }

    It 'comes from the module''s help file, not from the generated stand-in' {
        # Without a help file, Get-Help makes the synopsis from the syntax.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
        $help.Synopsis | Should -Not -Match '<CommonParameters>'
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example, each with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "example '$($example.title.Trim(' -'))' needs code"
        }
    }

    # Disconnect-VietnixAccount and Get-VietnixContext have no parameters of their own.
    It 'describes -<Parameter>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $documented = $helpParameters | Where-Object name -eq $Parameter
        $documented | Should -Not -BeNullOrEmpty -Because "-$Parameter has no entry in the help"
        ($documented.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes no parameter the cmdlet does not have' {
        $actual = @($Parameters | ForEach-Object { $_.Parameter })
        $helpParameters.name | Where-Object { $_ -notin $actual } | Should -BeNullOrEmpty
    }
}

Describe 'Shared parameter help' {
    It 'documents the parameters several cmdlets share' -ForEach @(@{ Count = @($SharedParameters).Count }) {
        $Count | Should -BeGreaterThan 0 -Because 'src/Vietnix.Keypairs/help/Common-*.md documents the sign-in parameters once for every cmdlet'
    }

    It '<Name> -<Parameter> is described from <Origin>' -ForEach $SharedParameters -AllowNullOrEmptyForEach {
        $help = Get-Help -Name $Name -Parameter $Parameter
        $help | Should -Not -BeNullOrEmpty -Because "-$Parameter has no entry in the help of $Name"
        $first = (@($help.description)[0].Text -replace '\s+', ' ').Trim()
        $first | Should -Be (($Expected -replace '\s+', ' ').Trim())
    }
}

Describe 'about_Vietnix_Keypairs' {
    It 'is found by Get-Help, with its short description as synopsis' {
        $topic = Get-Help -Name about_Vietnix_Keypairs

        $topic | Should -Not -BeNullOrEmpty
        $topic.Name | Should -Be 'about_Vietnix_Keypairs'
        $topic.Category | Should -Be 'HelpFile'
        $topic.Synopsis | Should -Match 'Vietnix'
        ($topic | Out-String) | Should -Match 'LONG DESCRIPTION'
    }

    It 'explains signing in, with every OS_* variable the module reads' {
        $text = Get-Help -Name about_Vietnix_Keypairs | Out-String
        $text | Should -Match 'Signing in'
        foreach ($variable in 'OS_CLOUD', 'OS_CLIENT_CONFIG_FILE', 'OS_AUTH_URL', 'OS_AUTH_TYPE', 'OS_USERNAME', 'OS_USER_ID', 'OS_PASSWORD',
            'OS_PROJECT_ID', 'OS_PROJECT_NAME', 'OS_USER_DOMAIN_NAME', 'OS_USER_DOMAIN_ID', 'OS_PROJECT_DOMAIN_NAME', 'OS_PROJECT_DOMAIN_ID',
            'OS_REGION_NAME', 'OS_INTERFACE', 'OS_APPLICATION_CREDENTIAL_ID', 'OS_APPLICATION_CREDENTIAL_NAME', 'OS_APPLICATION_CREDENTIAL_SECRET',
            'OS_TOKEN', 'OS_COMPUTE_API_VERSION', 'OS_CACERT', 'OS_INSECURE') {
            $text | Should -Match "\b$variable\b" -Because "the module reads $variable"
        }
    }
}

Describe 'Help examples' {
    BeforeDiscovery {
        $helpFolder = Join-Path $PSScriptRoot '../../src/Vietnix.Keypairs/help'
        # Every ```powershell block of every help file and about topic, with where it is.
        $Examples = foreach ($file in Get-ChildItem -LiteralPath $helpFolder -Filter '*.md' -File) {
            $text = Get-Content -Raw -LiteralPath $file.FullName
            $index = 0
            foreach ($match in [regex]::Matches($text, '(?ms)^```powershell\r?\n(.*?)^```')) {
                $index++
                @{ File = $file.Name; Block = $index; Code = $match.Groups[1].Value }
            }
        }
    }

    BeforeAll {
        $module = Get-Module Vietnix.Keypairs
        $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    }

    It '<File> block <Block> parses, and every parameter it gives a module command exists' -ForEach $Examples {
        $tokens = $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty

        $problems = foreach ($command in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $command.GetCommandName()
            if (-not $name -or -not $module.ExportedCmdlets.ContainsKey($name)) { continue }
            $metadata = $module.ExportedCmdlets[$name]
            $known = @($metadata.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases }) + $commonParameters
            foreach ($parameter in $command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                # PowerShell accepts a unique prefix of a parameter name, as it does here.
                $matching = @($known | Where-Object { $_ -like "$($parameter.ParameterName)*" } | Select-Object -Unique)
                if ($matching -notcontains $parameter.ParameterName -and $matching.Count -ne 1) {
                    "$name -$($parameter.ParameterName)"
                }
            }
        }
        $problems | Should -BeNullOrEmpty
    }
}
