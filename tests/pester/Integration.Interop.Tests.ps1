# Integration only (real Keystone and Nova): key pairs made by the module and by python-openstackclient
# look the same to both, and a private key the module saved really logs in over SSH (also when it is
# passphrase-protected and loaded by ssh-add).

BeforeDiscovery {
    $RealStack = $env:VIETNIX_TEST_TARGET -eq 'openstack'
}

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Target = Get-TestTarget
    $Demo = Get-TestUser $Target 'demo'
    $Clouds = Join-Path $Target.StateDir 'clouds.yaml'

    function Invoke-Openstack {
        # python-openstackclient as user demo, at the vendor's microversion, JSON out.
        $env:OS_CLIENT_CONFIG_FILE = $Clouds
        try {
            $output = & openstack --os-cloud demo --os-compute-api-version 2.72 @args -f json 2>&1
            if ($LASTEXITCODE -ne 0) { throw "openstack $($args -join ' ') failed: $output" }
            $output | ConvertFrom-Json
        }
        finally {
            Remove-Item env:OS_CLIENT_CONFIG_FILE
        }
    }
}

AfterAll {
    Disconnect-VietnixAccount
    Clear-TestKeyPair $Target
    Stop-TestTarget $Target
}

Describe 'Interoperability with python-openstackclient' -Tag 'Integration' -Skip:(-not $RealStack) {
    BeforeEach {
        Clear-TestKeyPair $Target
        Connect-VietnixAccount -AuthUrl $Target.AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo
    }

    It 'shows a key pair the module imported exactly as the module does' {
        $publicKey = Get-Content (New-TestSshKey -Folder $TestDrive -Type ed25519 -Name interop-module)
        $mine = Import-VietnixKeyPair -Name interop-module -PublicKey $publicKey

        $theirs = Invoke-Openstack keypair show interop-module

        $theirs.name | Should -Be $mine.Name
        $theirs.fingerprint | Should -Be $mine.Fingerprint
        $theirs.type | Should -Be 'ssh'
        $theirs.user_id | Should -Be $Demo.id
        (Invoke-Openstack keypair list).Name | Should -Contain 'interop-module'
        (& { $env:OS_CLIENT_CONFIG_FILE = $Clouds; & openstack --os-cloud demo keypair show --public-key interop-module; Remove-Item env:OS_CLIENT_CONFIG_FILE }) -join "`n" | Should -Be $mine.PublicKey.TrimEnd("`n")
    }

    It 'shows a key pair python-openstackclient imported exactly as it does' {
        $publicKeyFile = New-TestSshKey -Folder $TestDrive -Type rsa -Name interop-cli
        $theirs = Invoke-Openstack keypair create --public-key $publicKeyFile interop-cli

        $mine = Get-VietnixKeyPair -Name interop-cli

        $mine.Fingerprint | Should -Be $theirs.fingerprint
        $mine.Fingerprint | Should -Be (Get-SshKeygenFingerprint $publicKeyFile -Hash md5)
        $mine.Type | Should -Be 'Ssh'
        $mine.PublicKey.TrimEnd("`n") | Should -Be (Get-Content $publicKeyFile)
        (Get-VietnixKeyPair -Name 'interop-*').Name | Should -Be @('interop-cli')
    }

    It 'removes what python-openstackclient created, and the other way round' {
        Invoke-Openstack keypair create --public-key (New-TestSshKey -Folder $TestDrive -Type ecdsa -Name cli-made) cli-made | Out-Null
        Import-VietnixKeyPair -Name module-made -PublicKey (Get-Content (New-TestSshKey -Folder $TestDrive -Type ed25519 -Name module-made)) | Out-Null

        Remove-VietnixKeyPair -Name cli-made -Force
        & { $env:OS_CLIENT_CONFIG_FILE = $Clouds; & openstack --os-cloud demo keypair delete module-made; Remove-Item env:OS_CLIENT_CONFIG_FILE }

        Get-VietnixKeyPair | Should -BeNullOrEmpty
        Invoke-Openstack keypair list | Should -BeNullOrEmpty
    }
}

Describe 'A saved private key logs in over SSH' -Tag 'Integration' -Skip:(-not $RealStack) {
    BeforeAll {
        $SshdFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'sshd')
        $Port = Get-Random -Minimum 20000 -Maximum 30000
        $AuthorizedKeys = Join-Path $SshdFolder 'authorized_keys'
        Set-Content $AuthorizedKeys ''

        # An sshd of our own, on loopback, trusting only the public keys each test puts in
        # authorized_keys (sshd reads it at every login).
        $hostKey = Join-Path $SshdFolder 'host_ed25519'
        & ssh-keygen -q -t ed25519 -N '' -f $hostKey
        $config = Join-Path $SshdFolder 'sshd_config'
        Set-Content $config @"
Port $Port
ListenAddress 127.0.0.1
HostKey $hostKey
AuthorizedKeysFile $AuthorizedKeys
PidFile $(Join-Path $SshdFolder 'sshd.pid')
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
"@
        New-Item -ItemType Directory -Force /run/sshd | Out-Null
        & /usr/sbin/sshd -f $config
        if ($LASTEXITCODE -ne 0) { throw "The throwaway sshd did not start (exit $LASTEXITCODE)." }

        # sshd returns once it has gone to the background, before it listens: wait for the port,
        # for as long as it takes but no longer than 10 s.
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ($true) {
            $probe = [System.Net.Sockets.TcpClient]::new()
            try {
                $probe.Connect([System.Net.IPAddress]::Loopback, $Port)
                break
            }
            catch [System.Net.Sockets.SocketException] {
                if ([DateTime]::UtcNow -gt $deadline) { throw "The throwaway sshd did not listen on 127.0.0.1:$Port within 10 s." }
                Start-Sleep -Milliseconds 20
            }
            finally {
                $probe.Dispose()
            }
        }

        function Invoke-TestLogin([string] $KeyFile) {
            & ssh -i $KeyFile -p $Port -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes "$(whoami)@127.0.0.1" 'echo logged-in-with-the-vietnix-key' 2>&1
        }
    }

    AfterAll {
        $pidFile = Join-Path $SshdFolder 'sshd.pid'
        if (Test-Path $pidFile) { Stop-Process -Id ([int](Get-Content $pidFile)) -ErrorAction SilentlyContinue }
    }

    BeforeEach {
        Clear-TestKeyPair $Target
    }

    It 'is accepted when the server generated the key (<_>)' -ForEach @('2.72') {
        Connect-VietnixAccount -AuthUrl $Target.AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -ApiVersion $_
        $keyFile = Join-Path $TestDrive 'login.pem'
        $keyPair = New-VietnixKeyPair -Name login -PrivateKeyPath $keyFile
        $keyPair.Origin | Should -Be 'GeneratedByServer'
        Set-Content $AuthorizedKeys (Get-VietnixKeyPair -Name login).PublicKey.TrimEnd("`n")

        $answer = Invoke-TestLogin $keyFile

        $LASTEXITCODE | Should -Be 0
        $answer | Should -Contain 'logged-in-with-the-vietnix-key'
    }

    It 'is accepted when the key was generated on this machine (<Algorithm> at <ApiVersion>)' -ForEach @(
        @{ Algorithm = $null; ApiVersion = 'latest' }
        @{ Algorithm = 'Rsa'; ApiVersion = '2.72' }
        @{ Algorithm = 'Ecdsa'; ApiVersion = '2.92' }
    ) {
        Connect-VietnixAccount -AuthUrl $Target.AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -ApiVersion $ApiVersion
        $keyFile = Join-Path $TestDrive "login-local-$ApiVersion"
        $algorithm = if ($Algorithm) { @{ KeyAlgorithm = $Algorithm } } else { @{} }
        $keyPair = New-VietnixKeyPair -Name login-local @algorithm -PrivateKeyPath $keyFile
        $keyPair.Origin | Should -Be 'GeneratedLocally'
        Set-Content $AuthorizedKeys (Get-VietnixKeyPair -Name login-local).PublicKey.TrimEnd("`n")

        $answer = Invoke-TestLogin $keyFile

        $LASTEXITCODE | Should -Be 0
        $answer | Should -Contain 'logged-in-with-the-vietnix-key'
    }

    It 'is accepted from a passphrase-protected file that ssh-add loaded (<Origin> at <ApiVersion>)' -ForEach @(
        @{ ApiVersion = '2.72'; Origin = 'GeneratedByServer' }
        @{ ApiVersion = 'latest'; Origin = 'GeneratedLocally' }
    ) {
        Connect-VietnixAccount -AuthUrl $Target.AuthUrl -Credential (Get-TestCredential $Target) -ProjectName demo -ApiVersion $ApiVersion
        $keyFile = Join-Path $TestDrive "login-protected-$ApiVersion"
        $passphrase = 'integration passphrase, typed into ssh-add'
        $keyPair = New-VietnixKeyPair -Name login-protected -PrivateKeyPath $keyFile -Passphrase (ConvertTo-SecureString $passphrase -AsPlainText -Force)
        $keyPair.Origin | Should -Be $Origin
        Set-Content $AuthorizedKeys (Get-VietnixKeyPair -Name login-protected).PublicKey.TrimEnd("`n")

        # Without the passphrase the file is useless: ssh in batch mode cannot open it.
        Invoke-TestLogin $keyFile | Out-Null
        $LASTEXITCODE | Should -Not -Be 0

        # An agent of our own; ssh-add reads the passphrase from SSH_ASKPASS, as a desktop prompt would give it.
        $askpass = Join-Path $TestDrive 'askpass.sh'
        Set-Content $askpass "#!/bin/sh`nprintf '%s\n' `"`$VIETNIX_TEST_PASSPHRASE`""
        & chmod 700 $askpass
        $agent = (& ssh-agent -s) -join "`n"
        $socket = [regex]::Match($agent, 'SSH_AUTH_SOCK=([^;]+);').Groups[1].Value
        $agentPid = [regex]::Match($agent, 'SSH_AGENT_PID=(\d+);').Groups[1].Value
        $saved = @{ SSH_AUTH_SOCK = $env:SSH_AUTH_SOCK; SSH_ASKPASS = $env:SSH_ASKPASS; SSH_ASKPASS_REQUIRE = $env:SSH_ASKPASS_REQUIRE; VIETNIX_TEST_PASSPHRASE = $env:VIETNIX_TEST_PASSPHRASE }
        try {
            $env:SSH_AUTH_SOCK = $socket
            $env:SSH_ASKPASS = $askpass
            $env:SSH_ASKPASS_REQUIRE = 'force'
            $env:VIETNIX_TEST_PASSPHRASE = $passphrase
            & ssh-add $keyFile 2>&1 | Out-Null
            $LASTEXITCODE | Should -Be 0
            $env:VIETNIX_TEST_PASSPHRASE = $null
            (& ssh-add -l) -join "`n" | Should -Match ([regex]::Escape($keyPair.Sha256Fingerprint))

            # -i names the public key, so the signature can only come from the agent.
            $answer = & ssh -i "$keyFile.pub" -p $Port -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes "$(whoami)@127.0.0.1" 'echo logged-in-with-the-vietnix-key' 2>&1

            $LASTEXITCODE | Should -Be 0
            $answer | Should -Contain 'logged-in-with-the-vietnix-key'
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            if ($agentPid) { Stop-Process -Id ([int]$agentPid) -ErrorAction SilentlyContinue }
        }
    }
}
