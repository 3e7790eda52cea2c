# Connecting like the tools people know (issue 10 item 10), against the emulator: a missing password
# or secret is asked for through the host's prompt where a person can answer, and never where
# nobody can; a successful Connect-VietnixAccount writes a one-line summary, as Connect-AzAccount does.

BeforeAll {
    Import-Module $env:VIETNIX_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Emulator = Start-TestEmulator
    $Demo = Get-TestUser $Emulator 'demo'

    # A PowerShell host whose prompt a test answers: it records what it was asked and types the answer.
    if (-not ('VietnixTest.AnsweringHost' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace VietnixTest
{
    public sealed class AnsweringUI : PSHostUserInterface
    {
        public string Answer;
        public readonly List<string> Written = new List<string>();
        public int SecretReads;
        public override PSHostRawUserInterface RawUI => null;
        public override string ReadLine() => throw new InvalidOperationException("Only a secret is expected.");
        public override SecureString ReadLineAsSecureString()
        {
            SecretReads++;
            var secret = new SecureString();
            foreach (var character in Answer ?? string.Empty) secret.AppendChar(character);
            return secret;
        }
        public override void Write(string value) => Written.Add(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Written.Add(value);
        public override void WriteLine(string value) => Written.Add(value);
        public override void WriteErrorLine(string value) => Written.Add(value);
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) => Written.Add(message);
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new InvalidOperationException("Prompt");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new InvalidOperationException("PromptForCredential");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new InvalidOperationException("PromptForCredential");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new InvalidOperationException("PromptForChoice");
    }

    public sealed class AnsweringHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        public readonly AnsweringUI Answering = new AnsweringUI();
        public override string Name => "Vietnix Test Host";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => Answering;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }
}
'@
    }

    # Runs a script in a runspace of that host (or of no host), returning its output and errors.
    function Invoke-WithHost([string] $Script, $HostToUse) {
        $runspace = if ($HostToUse) { [runspacefactory]::CreateRunspace($HostToUse) } else { [runspacefactory]::CreateRunspace() }
        $runspace.Open()
        try {
            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            $null = $shell.AddScript("Import-Module '$env:VIETNIX_TEST_MODULE'`n$Script")
            $output = try { $shell.Invoke() } catch { $_ }
            [pscustomobject]@{ Output = $output; Errors = @($shell.Streams.Error) }
        }
        finally {
            $runspace.Dispose()
        }
    }

    # Variables that mark an automated run; the process's own (a CI job's) are put back afterwards.
    $AutomationVariables = 'CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'JENKINS_URL', 'AUTOMATION_ASSET_ACCOUNTID'
    $SavedAutomation = @{}
    foreach ($name in $AutomationVariables) { $SavedAutomation[$name] = [Environment]::GetEnvironmentVariable($name) }
}

AfterAll {
    foreach ($name in $AutomationVariables) { [Environment]::SetEnvironmentVariable($name, $SavedAutomation[$name]) }
    Disconnect-VietnixAccount
    Clear-TestOsVariable
    Stop-TestTarget $Emulator
}

Describe 'A missing password or secret is asked for only where someone can answer' -Tag 'Habits' {
    BeforeEach {
        Clear-TestOsVariable
        foreach ($name in $AutomationVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
        $env:OS_AUTH_URL = $Emulator.AuthUrl
        $env:OS_USERNAME = $Demo.name
        $env:OS_PROJECT_NAME = 'demo'
    }

    It 'asks through the host for the password OS_PASSWORD lacks, as a SecureString, and signs in with it' {
        $answering = [VietnixTest.AnsweringHost]::new()
        $answering.Answering.Answer = $Demo.password

        $result = Invoke-WithHost 'Connect-VietnixAccount' $answering

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].UserName | Should -Be $Demo.name
        $answering.Answering.SecretReads | Should -Be 1
        ($answering.Answering.Written -join '') | Should -BeLike "*the password of $($Demo.name) at $($Emulator.AuthUrl)*"
    }

    It 'asks for the secret of an application credential, and a key pair command asks too when it signs in for itself' {
        Remove-Item env:OS_USERNAME
        Remove-Item env:OS_PROJECT_NAME
        $env:OS_AUTH_TYPE = 'v3applicationcredential'
        $env:OS_APPLICATION_CREDENTIAL_ID = $Emulator.ApplicationCredential.id
        $answering = [VietnixTest.AnsweringHost]::new()
        $answering.Answering.Answer = $Emulator.ApplicationCredential.secret

        $result = Invoke-WithHost 'Get-VietnixKeyPair; "listed"' $answering

        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -Contain 'listed'
        ($answering.Answering.Written -join '') | Should -BeLike "*the secret of application credential $($Emulator.ApplicationCredential.id)*"
    }

    It 'says what was refused when the typed password is wrong, and asks only once' {
        $answering = [VietnixTest.AnsweringHost]::new()
        $answering.Answering.Answer = 'not-the-password'

        $result = Invoke-WithHost 'Connect-VietnixAccount' $answering

        $result.Output.ErrorRecord.FullyQualifiedErrorId + $result.Errors.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $answering.Answering.SecretReads | Should -Be 1
    }

    It 'never asks in an automated run (<Variable> set): an error names -Credential and OS_PASSWORD' -ForEach @(
        @{ Variable = 'CI' }
        @{ Variable = 'GITHUB_ACTIONS' }
        @{ Variable = 'AUTOMATION_ASSET_ACCOUNTID' }
    ) {
        [Environment]::SetEnvironmentVariable($Variable, 'true')
        $answering = [VietnixTest.AnsweringHost]::new()

        $result = Invoke-WithHost 'Connect-VietnixAccount' $answering

        $answering.Answering.SecretReads | Should -Be 0
        $failure = @($result.Output.ErrorRecord) + $result.Errors | Where-Object { $_ } | Select-Object -First 1
        $failure.FullyQualifiedErrorId | Should -BeLike 'SignInIncomplete,*'
        "$failure $($failure.ErrorDetails.RecommendedAction)" | Should -Match '-Credential'
        "$failure $($failure.ErrorDetails.RecommendedAction)" | Should -Match 'OS_PASSWORD'
        "$failure" | Should -BeLike "*No prompt was shown: this is an automated run ($Variable is set)*"
    }

    It 'never asks in a runspace whose host cannot prompt' {
        $result = Invoke-WithHost 'Connect-VietnixAccount'

        $failure = @($result.Output.ErrorRecord) + $result.Errors | Where-Object { $_ } | Select-Object -First 1
        "$failure" | Should -BeLike '*No prompt was shown: this PowerShell host cannot prompt*'
    }

    It 'never asks under pwsh -NonInteractive, and ends at once with the error' {
        $output = Invoke-TestPwsh -Command "Import-Module '$env:VIETNIX_TEST_MODULE'; try { Connect-VietnixAccount } catch { `$_.FullyQualifiedErrorId; `$_.ToString(); `$_.ErrorDetails.RecommendedAction }" | Out-String

        $output | Should -Match 'SignInIncomplete,Vietnix.Keypairs.Commands.ConnectVietnixAccountCommand'
        $output | Should -Match 'OS_PASSWORD'
        $output | Should -Match 'No prompt was shown: PowerShell runs with -NonInteractive'
    }
}

Describe 'Connect-VietnixAccount writes a one-line summary' -Tag 'Habits' {
    BeforeEach { Clear-TestOsVariable }

    It 'writes the new context, shown as one line: user, project, region, endpoint, microversion, expiry' {
        $connected = Connect-VietnixAccount -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo -Region RegionOne

        $connected | Should -BeOfType ([Vietnix.Keypairs.VietnixContext])
        $lines = ($connected | Out-String -Width 250) -split "`n" | Where-Object { $_ -match '\S' }
        $lines.Count | Should -Be 3
        -split $lines[0] | Should -Be @('UserName', 'ProjectName', 'Region', 'Endpoint', 'ApiVersion', 'ExpiresAt')
        $lines[2] | Should -Match "^$($Demo.name)\s+demo\s+RegionOne\s+$([regex]::Escape($connected.Endpoint))\s+2\.72\s+$([regex]::Escape($connected.ExpiresAt.ToString('u')))"
        # Get-VietnixContext still shows the whole context as a list.
        (Get-VietnixContext | Out-String) | Should -Match 'AuthenticationMethod\s*:'
    }

    It 'returns the same with -PassThru, and what it returns works as -Context' {
        $plain = Connect-VietnixAccount -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo
        $passThru = Connect-VietnixAccount -AuthUrl $Emulator.AuthUrl -Credential (Get-TestCredential $Emulator) -ProjectName demo -PassThru

        @($plain).Count | Should -Be 1
        @($passThru).Count | Should -Be 1
        $passThru | Should -BeOfType ([Vietnix.Keypairs.VietnixContext])
        Import-VietnixKeyPair -Name from-context -Path (New-TestSshKey -Folder $TestDrive -Name from-context) | Out-Null
        $names = 1 | ForEach-Object -Parallel {
            Import-Module $using:env:VIETNIX_TEST_MODULE
            (Get-VietnixKeyPair -Context $using:passThru -ErrorAction Stop).Name
        }
        $names | Should -Contain 'from-context'
    }
}
