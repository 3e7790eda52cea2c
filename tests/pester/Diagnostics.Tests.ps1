BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $Token = (Get-TestUser $Emulator 'demo').token
}

AfterAll {
    Disconnect-VietnixAccount
    Stop-TestEmulator $Emulator
}

Describe '-Verbose and -Debug' {
    BeforeEach {
        Reset-TestEmulator $Emulator
    }

    It 'tells what was sent and what came back: method, URL, microversion, status, request id, time' {
        Connect-TestAccount $Emulator
        $verbose = Import-VietnixKeyPair -Name verbose -PublicKey (Get-Content (New-TestSshKey -Folder $TestDrive -Name verbose)) -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        $line = $verbose.Message | Where-Object { $_ -match '^POST ' }
        $line | Should -Match "^POST $([regex]::Escape($Emulator.ComputeUrl))/os-keypairs \[compute 2\.72\] -> 201 Created in \d+ ms, request id req-[0-9a-f-]+$"
    }

    It 'never shows the token or a private key in any stream or in a transcript' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        Start-Transcript -Path $transcript | Out-Null
        try {
            # The preference variables rather than -Debug: on a compiled cmdlet, -Debug makes every
            # verbose and debug line ask for confirmation, which a non-interactive run cannot answer.
            $all = & {
                $VerbosePreference = 'Continue'
                $DebugPreference = 'Continue'
                Connect-TestAccount $Emulator -ApiVersion 2.72 -PassThru
                Get-VietnixContext
                $created = New-VietnixKeyPair -Name secretive
                $created
                $created | Format-List *
                Get-VietnixKeyPair
                Get-VietnixKeyPair -Name secretive
                Get-VietnixKeyPair -Name missing -ErrorAction Continue
                Remove-VietnixKeyPair -Name secretive -Force
                Disconnect-VietnixAccount
            } *>&1 | Out-String
        }
        finally {
            Stop-Transcript | Out-Null
        }

        $all | Should -Match 'POST'
        $all | Should -Match 'private_key":"<redacted>"'
        foreach ($text in $all, (Get-Content -Raw $transcript)) {
            $text | Should -Not -Match ([regex]::Escape($Token))
            $text | Should -Not -Match 'BEGIN RSA PRIVATE KEY'
        }
    }
}

Describe 'Requests on the wire' {
    It 'carry a Content-Length, no chunked body and no Expect: 100-continue' {
        Reset-TestEmulator $Emulator
        Connect-TestAccount $Emulator
        New-VietnixKeyPair -Name wire -WarningAction SilentlyContinue | Out-Null

        $post = Get-TestEmulatorRequest $Emulator -Method POST
        $post.chunked | Should -BeFalse
        $post.contentLength | Should -BeGreaterThan 0
        $post.headers.PSObject.Properties.Name | Should -Not -Contain 'Expect'
        $post.status | Should -Be 201
    }
}
