BeforeAll { Import-Module $env:VIETNIX_TEST_MODULE -Force }

BeforeDiscovery {
    $module = Import-Module $env:VIETNIX_TEST_MODULE -Force -PassThru
    $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters

    # One entry per exported cmdlet, with the parameters its help must describe (-WhatIf and
    # -Confirm included, the common parameters left out).
    $Cmdlets = foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters } | Sort-Object | ForEach-Object { @{ Parameter = $_ } })
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

Describe 'about_Vietnix_Keypairs' {
    It 'is found by Get-Help, with its short description as synopsis' {
        $topic = Get-Help -Name about_Vietnix_Keypairs

        $topic | Should -Not -BeNullOrEmpty
        $topic.Name | Should -Be 'about_Vietnix_Keypairs'
        $topic.Category | Should -Be 'HelpFile'
        $topic.Synopsis | Should -Match 'Vietnix'
        ($topic | Out-String) | Should -Match 'LONG DESCRIPTION'
    }
}
