# Contract tests for the habits PowerShell users bring (issue 10): objects down the pipeline, one
# -Name for one key, an honest -WhatIf, -Force replacing what differs; against the emulator and real Nova.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Target = Get-TestTarget
    $Demo = Get-TestUser $Target 'demo'
    $Admin = Get-TestUser $Target 'admin'
    $Keys = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $Ed25519 = New-TestSshKey -Folder $Keys -Type ed25519 -Name deploy-one
    $Rsa = New-TestSshKey -Folder $Keys -Type rsa -Bits 2048 -Name deploy-two
    $CertificatePath = Join-Path $TestDrive 'cert.pem'
    & openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=vietnix-pipeline' -keyout (Join-Path $TestDrive 'cert.key') -out $CertificatePath 2>$null

    function Get-Posted([object[]] $Records) {
        @($Records | Get-TestHttpExchange | Where-Object Method -eq POST)
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestOsVariable
    Clear-TestKeyPair $Target
    Stop-TestTarget $Target
}

Describe 'Objects down the pipeline' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Clear-TestOsVariable
        Connect-VietnixAccount -AuthUrl $Target.AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo
    }

    It 'still collects the lines piped from Get-Content into one key: <Label>' -ForEach @(
        @{ Label = 'an ssh key'; Key = 'Ed25519'; Type = 'Ssh' }
        @{ Label = 'a multi-line certificate'; Key = 'Certificate'; Type = 'X509' }
    ) {
        $file = if ($Key -eq 'Certificate') { $CertificatePath } else { $Ed25519 }

        $records = Get-Content $file | Import-VietnixKeyPair -Name piped -Verbose 4>&1

        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Type | Should -Be $Type
        (Get-Posted $records).Count | Should -Be 1
        Get-TestKeyPairName $Target | Should -Be @('piped')
    }

    It 'still names each file from Get-ChildItem after its base name, not its file name' {
        $imported = Get-ChildItem (Join-Path $Keys '*.pub') | Import-VietnixKeyPair

        $imported.Name | Sort-Object | Should -Be @('deploy-one', 'deploy-two')
        Get-TestKeyPairName $Target | Should -Be @('deploy-one', 'deploy-two')
    }

    It 'imports each row of Import-Csv (Name, PublicKey, Description)' {
        $csv = Join-Path $TestDrive 'keys.csv'
        @(
            [pscustomobject]@{ Name = 'csv-one'; PublicKey = (Get-Content -Raw $Ed25519).Trim(); Description = 'first key' }
            [pscustomobject]@{ Name = 'csv-two'; PublicKey = (Get-Content -Raw $Rsa).Trim(); Description = '' }
        ) | Export-Csv -Path $csv

        $imported = Import-Csv $csv | Import-VietnixKeyPair

        $imported.Name | Should -Be @('csv-one', 'csv-two')
        $imported[0].Description | Should -Be 'first key'
        $imported[1].Description | Should -BeNullOrEmpty
        $imported[1].Fingerprint | Should -Be (Get-SshKeygenFingerprint $Rsa)
        Get-TestKeyPairName $Target | Should -Be @('csv-one', 'csv-two')
    }

    It 'binds Name, PublicKey, Description, Type and UserId by property name' {
        $row = [pscustomobject]@{ Name = 'by-property'; PublicKey = (Get-Content -Raw $Ed25519).Trim(); Description = 'desc'; Type = 'Ssh'; UserId = $Demo.id }

        $imported = $row | Import-VietnixKeyPair -ApiVersion 2.10

        $imported.Name | Should -Be 'by-property'
        $imported.Description | Should -Be 'desc'
        $imported.UserId | Should -Be $Demo.id

        $wrongType = [pscustomobject]@{ Name = 'wrong-type'; PublicKey = (Get-Content -Raw $Ed25519).Trim(); Type = 'X509' }
        $wrongType | Import-VietnixKeyPair -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'KeyTypeMismatch,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
    }

    It 'copies key pairs to another region: Get-VietnixKeyPair -Name deploy-* | Import-VietnixKeyPair -Region RegionTwo' {
        Get-ChildItem (Join-Path $Keys '*.pub') | Import-VietnixKeyPair | Out-Null

        $records = Get-VietnixKeyPair -Name 'deploy-*' | Import-VietnixKeyPair -Region RegionTwo -Verbose 4>&1

        # RegionTwo is the same Nova under the host name localhost, so the keys are already there: unchanged.
        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Name | Sort-Object | Should -Be @('deploy-one', 'deploy-two')
        $posted = Get-Posted $records
        $posted.Count | Should -Be 2
        $posted.Url | ForEach-Object { $_ | Should -Match '^http://localhost:' }
    }

    It 'copies key pairs to another project and region, for whoever signs in there' {
        Get-ChildItem (Join-Path $Keys '*.pub') | Import-VietnixKeyPair | Out-Null

        $copied = Get-VietnixKeyPair -Name 'deploy-*' | Import-VietnixKeyPair -AuthUrl $Target.AuthUrl -Credential (Get-TestCredential $Target 'admin') -ProjectName admin -Region RegionTwo

        $copied.Name | Sort-Object | Should -Be @('deploy-one', 'deploy-two')
        $copied | ForEach-Object { $_.Origin | Should -Be 'Imported' }
        Get-TestKeyPairName $Target -User admin | Should -Be @('deploy-one', 'deploy-two')
    }

    It 'copies a key pair read by exact name (which carries its owner id) to another cloud of clouds.yaml, without sending that id' {
        Import-VietnixKeyPair -Name deploy-one -Path $Ed25519 | Out-Null
        $clouds = Join-Path $TestDrive 'clouds.yaml'
        Set-Content $clouds "clouds:`n  other:`n    auth:`n      auth_url: $($Target.AuthUrl)`n      username: admin`n      password: $($Admin.password)`n      project_name: admin`n      user_domain_name: Default`n      project_domain_name: Default`n    region_name: RegionTwo"
        $env:OS_CLIENT_CONFIG_FILE = $clouds
        $source = Get-VietnixKeyPair -Name deploy-one
        $source.UserId | Should -Be $Demo.id

        $records = & { $DebugPreference = 'Continue'; $source | Import-VietnixKeyPair -Cloud other -Verbose 4>&1 5>&1 }

        $sent = ($records | Get-TestLoggedBody -Kind request | Where-Object Method -eq POST).Body.keypair
        $sent.name | Should -Be 'deploy-one'
        $sent.PSObject.Properties.Name | Should -Not -Contain 'user_id'
        Get-TestKeyPairName $Target -User admin | Should -Be @('deploy-one')
    }

    It 'compares a piped key pair with a file: Get-VietnixKeyPair -Name x | Test-VietnixKeyPair -Path x.pub' {
        Import-VietnixKeyPair -Name deploy-one -Path $Ed25519 | Out-Null

        Get-VietnixKeyPair -Name deploy-one | Test-VietnixKeyPair -Path $Ed25519 | Should -BeTrue
        Get-VietnixKeyPair -Name deploy-one | Test-VietnixKeyPair -Path $Rsa | Should -BeFalse
        (Get-VietnixKeyPair -Name deploy-one | Test-VietnixKeyPair -Path $Ed25519 -Detailed).Name | Should -Be 'deploy-one'
    }

    It 'compares each row of Import-Csv, and each file from Get-ChildItem with the key pair named after it' {
        Import-VietnixKeyPair -Name deploy-one -Path $Ed25519 | Out-Null
        $rows = @(
            [pscustomobject]@{ Name = 'deploy-one'; PublicKey = (Get-Content -Raw $Ed25519) }
            [pscustomobject]@{ Name = 'deploy-one'; PublicKey = (Get-Content -Raw $Rsa) }
        )

        $rows | Test-VietnixKeyPair | Should -Be @($true, $false)
        (Get-ChildItem (Join-Path $Keys '*.pub') | Test-VietnixKeyPair -Detailed | Sort-Object Name).Status | Should -Be @('Match', 'NotFound')
    }

    It 'describes each piped key pair with Get-VietnixPublicKeyInfo' {
        Get-ChildItem (Join-Path $Keys '*.pub') | Import-VietnixKeyPair | Out-Null

        $info = Get-VietnixKeyPair | Get-VietnixPublicKeyInfo

        $info.Algorithm | Sort-Object | Should -Be @('ED25519', 'RSA')
    }

    It 'still asks for -Name for piped lines, and sends nothing' {
        Get-Content $Ed25519 | Import-VietnixKeyPair -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure.FullyQualifiedErrorId | Should -Be @('NameRequired,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand')
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }
}

Describe 'One -Name, one key: refused whole before anything is sent' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    It 'refuses <Label>' -ForEach @(
        @{ Label = '-Name one -Path a.pub,b.pub'; Run = { Import-VietnixKeyPair -Name one -Path $Ed25519, $Rsa -Verbose -ErrorVariable failure -ErrorAction SilentlyContinue 4>&1 } }
        @{ Label = 'Get-ChildItem *.pub | Import -Name one'; Run = { Get-ChildItem (Join-Path $Keys '*.pub') | Import-VietnixKeyPair -Name one -Verbose -ErrorVariable failure -ErrorAction SilentlyContinue 4>&1 } }
        @{ Label = 'a -Path wildcard matching two files'; Run = { Import-VietnixKeyPair -Name one -Path (Join-Path $Keys 'deploy-*.pub') -Verbose -ErrorVariable failure -ErrorAction SilentlyContinue 4>&1 } }
        @{ Label = 'one file that exists and one that does not'; Run = { Import-VietnixKeyPair -Name one -Path $Ed25519, (Join-Path $Keys 'missing.pub') -Verbose -ErrorVariable failure -ErrorAction SilentlyContinue 4>&1 } }
    ) {
        $records = . $Run

        (Get-Posted $records).Count | Should -Be 0
        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Count | Should -Be 0
        $failure.FullyQualifiedErrorId | Should -Contain 'OneNameForManyKeys,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand'
        ($failure | Where-Object FullyQualifiedErrorId -like 'OneNameForManyKeys*').ToString() | Should -Match "-Name 'one' can name only one key pair"
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }

    It 'still imports one file under -Name' {
        (Import-VietnixKeyPair -Name one -Path $Rsa).Fingerprint | Should -Be (Get-SshKeygenFingerprint $Rsa)
    }
}

Describe '-WhatIf tells the truth' -Tag 'Contract' {
    BeforeAll {
        function Invoke-WhatIf([string] $Command) {
            # What if: lines go to the host, so the command runs in a child pwsh whose output is read.
            $env:VIETNIX_TEST_TOKEN = (Get-TestUser $Target 'demo').token
            try {
                Invoke-TestPwsh -Command @"
Import-Module '$env:VIETNIX_TEST_MODULE'
Connect-VietnixAccount -Token (ConvertTo-SecureString `$env:VIETNIX_TEST_TOKEN -AsPlainText -Force) -ProjectId '$($Demo.projectId)' -Endpoint '$($Target.ComputeUrl)' -ApiVersion 2.72
$Command
"@
            }
            finally {
                Remove-Item env:VIETNIX_TEST_TOKEN
            }
        }
    }

    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    It 'refuses under -WhatIf what the real run refuses, with the same error: <Label>' -ForEach @(
        @{ Label = "a name with '@' below 2.92"; Arguments = @{ Name = 'me@host' }; ErrorId = 'InvalidKeyPairName' }
        @{ Label = '-UserId below 2.10'; Arguments = @{ Name = 'for-someone'; UserId = 'someone'; ApiVersion = '2.1' }; ErrorId = 'MicroversionTooLow' }
        @{ Label = 'a certificate below 2.2'; Arguments = @{ Name = 'cert'; ApiVersion = '2.1'; Certificate = $true }; ErrorId = 'MicroversionTooLow' }
    ) {
        $splat = $Arguments.Clone()
        $file = if ($splat['Certificate']) { $CertificatePath } else { $Ed25519 }
        $splat.Remove('Certificate')

        Import-VietnixKeyPair @splat -Path $file -WhatIf -ErrorVariable whatIf -ErrorAction SilentlyContinue
        Import-VietnixKeyPair @splat -Path $file -ErrorVariable real -ErrorAction SilentlyContinue

        $whatIf.FullyQualifiedErrorId | Should -Be @("$ErrorId,Vietnix.Keypairs.Commands.ImportVietnixKeyPairCommand")
        $whatIf.FullyQualifiedErrorId | Should -Be $real.FullyQualifiedErrorId
        $whatIf[0].ToString() | Should -Be $real[0].ToString()
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }

    It 'refuses under New-VietnixKeyPair -WhatIf what the real run refuses, with the same error: <Label>' -ForEach @(
        @{ Label = "a name with '@' below 2.92, generated by the server"; Arguments = @{ Name = 'me@host' }; ErrorId = 'InvalidKeyPairName' }
        @{ Label = "a name with '@' below 2.92, generated here"; Arguments = @{ Name = 'me@host'; KeyAlgorithm = 'Ed25519' }; ErrorId = 'InvalidKeyPairName' }
        @{ Label = '-UserId below 2.10'; Arguments = @{ Name = 'for-someone'; UserId = 'someone'; ApiVersion = '2.1' }; ErrorId = 'MicroversionTooLow' }
        @{ Label = '-Type X509 below 2.2'; Arguments = @{ Name = 'cert'; Type = 'X509'; ApiVersion = '2.1' }; ErrorId = 'MicroversionTooLow' }
        @{ Label = 'an RSA key of 1024 bits'; Arguments = @{ Name = 'small'; KeyAlgorithm = 'Rsa'; KeySize = 1024 }; ErrorId = 'InvalidKeySize' }
        @{ Label = '-KeySize for a key the server generates'; Arguments = @{ Name = 'sized'; KeySize = 4096 }; ErrorId = 'KeyOptionNeedsLocalKey' }
        @{ Label = '-KeyAlgorithm with -Type X509'; Arguments = @{ Name = 'mixed'; KeyAlgorithm = 'Ed25519'; Type = 'X509' }; ErrorId = 'KeyTypeMismatch' }
        @{ Label = 'a -PrivateKeyPath that exists'; Arguments = @{ Name = 'kept-file'; KeyAlgorithm = 'Ed25519'; PrivateKeyPath = 'EXISTING' }; ErrorId = 'PrivateKeyFileExists' }
        @{ Label = 'a -PrivateKeyPath in a missing folder'; Arguments = @{ Name = 'no-folder'; PrivateKeyPath = 'MISSING' }; ErrorId = 'PrivateKeyFolderNotFound' }
        @{ Label = '-Passphrase without -PrivateKeyPath'; Arguments = @{ Name = 'loose'; KeyAlgorithm = 'Ed25519'; Passphrase = 'SECRET' }; ErrorId = 'PassphraseNeedsPrivateKeyPath' }
        @{ Label = '-KdfRounds without -Passphrase'; Arguments = @{ Name = 'rounds'; KdfRounds = 32 }; ErrorId = 'KdfRoundsNeedPassphrase' }
    ) {
        $existing = Join-Path $TestDrive 'existing-key'
        Set-Content -Path $existing -Value 'kept'
        $splat = $Arguments.Clone()
        switch ($splat['PrivateKeyPath']) {
            'EXISTING' { $splat['PrivateKeyPath'] = $existing }
            'MISSING' { $splat['PrivateKeyPath'] = Join-Path $TestDrive 'no-such-folder/key' }
        }
        if ($splat['Passphrase']) { $splat['Passphrase'] = ConvertTo-SecureString 'correct horse' -AsPlainText -Force }
        # -ErrorAction Stop: the refusals that end the command (the passphrase options) are caught as the others are.
        function Invoke-New([hashtable] $Splat) {
            try { New-VietnixKeyPair @Splat -ErrorAction Stop | Out-Null; , @() }
            catch { , @($_) }
        }

        $whatIf = Invoke-New ($splat + @{ WhatIf = $true })
        $real = Invoke-New $splat

        $whatIf.FullyQualifiedErrorId | Should -Be @("$ErrorId,Vietnix.Keypairs.Commands.NewVietnixKeyPairCommand")
        $whatIf.FullyQualifiedErrorId | Should -Be $real.FullyQualifiedErrorId
        $whatIf[0].ToString() | Should -Be $real[0].ToString()
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
        Get-Content -Raw $existing | Should -Be "kept$([Environment]::NewLine)"
    }

    It 'says with -Force -WhatIf that the existing key pair would be deleted and replaced' {
        $stored = Import-VietnixKeyPair -Name kept -Path $Ed25519

        $output = Invoke-WhatIf "Import-VietnixKeyPair -Name kept -Path '$Rsa' -Force -WhatIf"

        ($output -join "`n") | Should -Match ([regex]::Escape("Replace the stored key pair, which holds another key (fingerprint $($stored.Fingerprint)): delete it, then import"))
        ($output -join "`n") | Should -Match 'on target "kept"'
        (Invoke-TestNova $Target -Path 'os-keypairs/kept').keypair.fingerprint | Should -Be $stored.Fingerprint
    }

    It 'says a plain import under -WhatIf when the name is free, even with -Force' {
        $output = Invoke-WhatIf "Import-VietnixKeyPair -Name free -Path '$Rsa' -Force -WhatIf"

        ($output -join "`n") | Should -Match 'What if: Performing the operation "Import ssh-rsa public key SHA256:'
        Get-TestKeyPairName $Target | Should -BeNullOrEmpty
    }
}

Describe '-Force replaces what differs' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
    }

    It 'only warns without -Force when the same key has another description, and changes nothing' {
        Import-VietnixKeyPair -Name described -Path $Ed25519 -Description 'old text' | Out-Null

        $kept = Import-VietnixKeyPair -Name described -Path $Ed25519 -Description 'new text' -WarningVariable warning 3>$null

        $kept.Description | Should -Be 'old text'
        $warning[0] | Should -Match 'another comment or description; nothing changed\. Add -Force'
        (Invoke-TestNova $Target -Path 'os-keypairs/described').keypair.public_key | Should -Match 'VSTOR-KEY-DESC:old text$'
    }

    It 'replaces the key pair with -Force when the same key has another description: delete, then import' {
        Import-VietnixKeyPair -Name described -Path $Ed25519 -Description 'old text' | Out-Null

        $records = Import-VietnixKeyPair -Name described -Path $Ed25519 -Description 'new text' -Force -Verbose 4>&1

        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Description | Should -Be 'new text'
        @($records | Get-TestHttpExchange | Where-Object Method -ne GET | ForEach-Object { "$($_.Method) $($_.Status)" }) | Should -Be @('DELETE 204', 'POST 201')
        (Invoke-TestNova $Target -Path 'os-keypairs/described').keypair.public_key | Should -Match 'VSTOR-KEY-DESC:new text$'
    }

    It 'changes nothing with -Force when the key and its text are the same' {
        Import-VietnixKeyPair -Name same -Path $Ed25519 | Out-Null

        $records = Import-VietnixKeyPair -Name same -Path $Ed25519 -Force -Verbose 4>&1

        @($records | Get-TestHttpExchange | Where-Object Method -in 'POST', 'DELETE').Count | Should -Be 0
        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Name | Should -Be 'same'
    }
}

Describe 'Wildcards on Remove-VietnixKeyPair -Name' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-TestAccount $Target
        foreach ($name in 'tmp-one', 'tmp-two', 'keep') { Import-VietnixKeyPair -Name $name -Path $Ed25519 | Out-Null }
    }

    It 'removes each match of a pattern, and never sends the pattern' {
        $records = Remove-VietnixKeyPair -Name 'TMP-*' -Force -Verbose 4>&1

        $deletes = @($records | Get-TestHttpExchange | Where-Object Method -eq DELETE)
        $deletes.Count | Should -Be 2
        $deletes.Url | ForEach-Object { $_ | Should -Not -Match '%2A|\*' }
        Get-TestKeyPairName $Target | Should -Be @('keep')
    }

    It 'lists every match with -WhatIf, one by one, and removes nothing' {
        $env:VIETNIX_TEST_TOKEN = $Demo.token
        try {
            $output = Invoke-TestPwsh -Command @"
Import-Module '$env:VIETNIX_TEST_MODULE'
Connect-VietnixAccount -Token (ConvertTo-SecureString `$env:VIETNIX_TEST_TOKEN -AsPlainText -Force) -ProjectId '$($Demo.projectId)' -Endpoint '$($Target.ComputeUrl)'
Remove-VietnixKeyPair -Name 'tmp-*' -WhatIf
"@
        }
        finally {
            Remove-Item env:VIETNIX_TEST_TOKEN
        }

        @($output -match '^What if: Performing the operation "Remove key pair" on target "tmp-(one|two)"\.$').Count | Should -Be 2
        Get-TestKeyPairName $Target | Should -Be @('keep', 'tmp-one', 'tmp-two')
    }

    It 'writes a non-terminating ObjectNotFound for a pattern that matches nothing, and goes on' {
        $records = Remove-VietnixKeyPair -Name 'none-*', 'keep' -Force -Verbose -ErrorVariable failure -ErrorAction SilentlyContinue 4>&1

        $failure.FullyQualifiedErrorId | Should -Be @('KeyPairNotFound,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand')
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].TargetObject | Should -Be 'none-*'
        @($records | Get-TestHttpExchange | Where-Object Method -eq DELETE).Url | Should -Match '/os-keypairs/keep$'
        Get-TestKeyPairName $Target | Should -Be @('tmp-one', 'tmp-two')
    }

    It 'refuses -UserId below 2.10 under -WhatIf, as the real run does' {
        Connect-TestAccount $Target -ApiVersion 2.1
        Remove-VietnixKeyPair -Name keep -UserId $Demo.id -WhatIf -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure.FullyQualifiedErrorId | Should -Be @('MicroversionTooLow,Vietnix.Keypairs.Commands.RemoveVietnixKeyPairCommand')
    }
}

Describe 'One sign-in in parallel runspaces: -Context' -Tag 'Contract' {
    BeforeEach {
        Clear-TestKeyPair $Target
        Clear-TestOsVariable
        Connect-VietnixAccount -AuthUrl $Target.AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo
        Import-VietnixKeyPair -Name shared -Path $Ed25519 | Out-Null
        $Context = Get-VietnixContext
    }

    It 'is NotConnected in ForEach-Object -Parallel without a context' {
        $failure = 1 | ForEach-Object -Parallel {
            Import-Module $using:env:VIETNIX_TEST_MODULE
            try { Get-VietnixKeyPair -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId }
        }
        $failure | Should -Be 'NotConnected,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
    }

    It 'works in ForEach-Object -Parallel with $using:ctx, without signing in again' {
        $records = 1..4 | ForEach-Object -Parallel {
            Import-Module $using:env:VIETNIX_TEST_MODULE
            Get-VietnixKeyPair -Context $using:Context -Verbose 4>&1
        } -ThrottleLimit 4

        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Name | Should -Be @('shared', 'shared', 'shared', 'shared')
        @($records | Get-TestHttpExchange | Where-Object Url -match '/auth/tokens').Count | Should -Be 0
        @($records | Get-TestHttpExchange | Where-Object Url -match 'os-keypairs').Count | Should -Be 4
    }

    It 'works in Start-ThreadJob, and reaches another region with -Region' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:env:VIETNIX_TEST_MODULE
            Import-VietnixKeyPair -Name from-thread -Path $using:Rsa -Context $using:Context -Region RegionTwo -Verbose 4>&1
        }
        $records = $job | Receive-Job -Wait -AutoRemoveJob

        @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }).Name | Should -Be 'from-thread'
        ($records | Get-TestHttpExchange | Where-Object Method -eq POST).Url | Should -Match '^http://localhost:'
        Get-TestKeyPairName $Target | Should -Be @('from-thread', 'shared')
    }

    It 'refuses a context with sign-in parameters, and one whose session was disconnected' {
        { Get-VietnixKeyPair -Context $Context -Credential (Get-TestCredential $Target) -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConnectionParameters,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'

        Disconnect-VietnixAccount
        { Get-VietnixKeyPair -Context $Context -ErrorAction Stop } | Should -Throw -ErrorId 'ContextNotUsable,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
    }

    It 'shows no secret in a context, and a copy in another process (Start-Job) has no connection' {
        ($Context | ConvertTo-Json -Depth 3) | Should -Not -Match ([regex]::Escape($Demo.password))
        $Context.PSObject.Properties.Name | Should -Not -Contain 'Session'

        $result = Start-Job -ArgumentList $env:VIETNIX_TEST_MODULE, $Context -ScriptBlock {
            param($module, $copy)
            Import-Module $module
            try { Get-VietnixKeyPair -Context $copy -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId }
        } | Receive-Job -Wait -AutoRemoveJob

        $result | Should -Be 'ContextNotUsable,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand'
    }
}
