BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'A hostile clouds.yaml' -Tag 'Contract' {
    BeforeAll {
        function New-HostileYaml([string] $Case) {
            if ($Case -eq 'cycle') {
                return "clouds: &loop`n  prod:`n    auth_url: http://127.0.0.1:9/v3`n    again: *loop`n"
            }

            # Billion laughs: nine levels of ten aliases, 10^9 values once expanded.
            $lines = @('l0: &l0 [lol]')
            foreach ($level in 1..9) {
                $lines += "l${level}: &l${level} [" + (@(1..10 | ForEach-Object { "*l$($level - 1)" }) -join ', ') + ']'
            }

            ($lines -join "`n") + "`nclouds:`n  prod:`n    bomb: *l9`n"
        }
    }

    It 'is refused with CloudConfigInvalid, and the pwsh process lives on (<_>)' -ForEach 'cycle', 'alias bomb' {
        $file = Join-Path $TestDrive 'clouds.yaml'
        Set-Content -Path $file -Value (New-HostileYaml $_) -NoNewline
        $command = "`$env:OS_CLIENT_CONFIG_FILE = '$file'; Import-Module '$env:VIETNIX_TEST_MODULE'; " +
            "try { Get-VietnixKeyPair -Cloud prod -ErrorAction Stop } catch { 'error: ' + `$_.FullyQualifiedErrorId }; 'still alive'; exit 7"

        $output = Invoke-TestPwsh $command | Out-String

        $LASTEXITCODE | Should -Be 7
        $output | Should -Match 'error: CloudConfigInvalid'
        $output | Should -Match 'still alive'
    }
}
