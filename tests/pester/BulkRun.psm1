# A runbook's bulk work under faults, shared by FaultPlans.Tests.ps1 (emulated Nova) and
# Integration.FaultProxy.Tests.ps1 (real Nova): import key files piped from Get-ChildItem, generate key
# pairs on the server, try the failed items again as a runbook would, and check that each item was
# reported exactly once and that the server ends with exactly the keys asked for.

Set-StrictMode -Version 3.0

# The error ids a transient failure of one item may end as, after the module's own retries.
$script:TransientErrorIds = 'ConnectionFailed', 'RequestTimeout', 'ServiceError', 'RateLimited', 'OrphanKeyPair'

function New-BulkKeyFolder {
    # -Count ed25519 keys made by ssh-keygen, named <Prefix>-001..., and ssh-keygen's MD5 fingerprint of
    # each, from one run over all of them (each key's comment is <name>@test).
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [int] $Count, [string] $Prefix = 'bulk')
    $keyFolder = New-Item -ItemType Directory -Path $Folder -Force
    foreach ($index in 1..$Count) {
        $path = Join-Path $keyFolder ('{0}-{1:d3}' -f $Prefix, $index)
        & ssh-keygen -q -t ed25519 -N '' -C "$(Split-Path -Leaf $path)@test" -f $path
        if ($LASTEXITCODE -ne 0) { throw 'ssh-keygen failed.' }
    }

    $allKeys = Join-Path $keyFolder 'all-keys.txt'
    Get-ChildItem -Path $keyFolder -Filter '*.pub' | Get-Content | Set-Content -Path $allKeys
    $fingerprints = @{}
    foreach ($line in (& ssh-keygen -l -E md5 -f $allKeys)) {
        $fields = $line -split ' '
        $fingerprints[$fields[2] -replace '@test$', ''] = $fields[1] -replace '^MD5:', ''
    }
    Remove-Item $allKeys
    if ($fingerprints.Count -ne $Count) { throw "ssh-keygen listed $($fingerprints.Count) of $Count keys." }
    [pscustomobject]@{ Folder = $keyFolder.FullName; Fingerprints = $fingerprints }
}

function Assert-EachItemReportedOnce {
    # Every item tried is in the output or in exactly one error: never both, never neither, never twice.
    param([string[]] $Tried, [object[]] $Succeeded, [object[]] $Failed)
    $outcomes = @($Succeeded | ForEach-Object Name) + @($Failed | ForEach-Object { [string] $_.TargetObject })
    ($outcomes | Sort-Object) | Should -Be ($Tried | Sort-Object) -Because 'each item ends as one output object or one error'
    foreach ($record in $Failed) {
        $record | Should -BeOfType [System.Management.Automation.ErrorRecord]
        ($record.FullyQualifiedErrorId -split ',')[0] | Should -BeIn $script:TransientErrorIds
    }
}

function New-BulkReport {
    [pscustomobject]@{ Passes = 0; Errors = 0; ErrorIds = @{}; Retries = 0; ReadBacks = 0; OrphansDeleted = 0; OrphansRemovedByHand = 0 }
}

function Add-BulkPass {
    # Counts one pass's errors and what its -Verbose notes say the module did about the faults.
    param($Report, [object[]] $Failed, [object[]] $Verbose)
    $Report.Passes++
    $Report.Errors += $Failed.Count
    foreach ($record in $Failed) { $Report.ErrorIds[$record.FullyQualifiedErrorId] = 1 + [int] $Report.ErrorIds[$record.FullyQualifiedErrorId] }
    $messages = @($Verbose | ForEach-Object Message)
    $Report.Retries += @($messages -like 'Retrying *').Count + @($messages -like '* so it is sent again in *').Count + @($messages -like '* so the key is generated again in *').Count
    $Report.ReadBacks += @($messages -like '*reading the key pair back*').Count + @($messages -like '*reading back shows*').Count
    $Report.OrphansDeleted += @($messages -like '*deleted the key pair it created*').Count
}

function Invoke-BulkImport {
    <#
    .SYNOPSIS
        Pipes the key files of -Folder as Get-ChildItem gives them to Import-VietnixKeyPair; then, as a
        runbook would, the files of the failed items again (FileInfo objects, so they bind as files, not
        as key text), up to -Passes passes in all. Returns the report.
    #>
    param([Parameter(Mandatory)] [string] $Folder, [int] $Passes = 5)
    $pending = @(Get-ChildItem -Path $Folder -Filter '*.pub')
    $report = New-BulkReport
    while ($pending.Count -gt 0 -and $report.Passes -lt $Passes) {
        $failed = $null
        $records = @($pending | Import-VietnixKeyPair -Verbose -ErrorVariable failed -ErrorAction SilentlyContinue 4>&1)
        $failed = @($failed)
        Assert-EachItemReportedOnce -Tried $pending.BaseName -Succeeded @($records | Where-Object { $_ -is [Vietnix.Keypairs.KeyPair] }) -Failed $failed
        Add-BulkPass $report $failed @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $failedNames = @($failed | ForEach-Object { [string] $_.TargetObject })
        $pending = @($pending | Where-Object BaseName -In $failedNames)
    }
    $pending | Should -BeNullOrEmpty -Because "every key arrives within $Passes passes"
    $report
}

function Invoke-BulkGeneration {
    <#
    .SYNOPSIS
        One New-VietnixKeyPair per name, each with its own private key file in -Folder; then the failed
        names again, up to -Passes passes. An OrphanKeyPair error names a key pair that may hold a key
        nobody has; as its message says, the runbook removes it before generating the name again.
    #>
    param([Parameter(Mandatory)] [string[]] $Name, [Parameter(Mandatory)] [string] $Folder, [int] $Passes = 5)
    $pending = @($Name)
    $report = New-BulkReport
    while ($pending.Count -gt 0 -and $report.Passes -lt $Passes) {
        $generated = [System.Collections.Generic.List[object]]::new()
        $allFailed = [System.Collections.Generic.List[object]]::new()
        $verbose = [System.Collections.Generic.List[object]]::new()
        foreach ($item in $pending) {
            $failed = $null
            $records = @(New-VietnixKeyPair -Name $item -PrivateKeyPath (Join-Path $Folder $item) -Verbose -ErrorVariable failed -ErrorAction SilentlyContinue 4>&1)
            foreach ($record in $records) { if ($record -is [Vietnix.Keypairs.KeyPair]) { $generated.Add($record) } else { $verbose.Add($record) } }
            foreach ($record in @($failed)) { $allFailed.Add($record) }
        }
        Assert-EachItemReportedOnce -Tried $pending -Succeeded $generated -Failed $allFailed
        Add-BulkPass $report @($allFailed) @($verbose)
        foreach ($orphan in @($allFailed | Where-Object { $_.FullyQualifiedErrorId -like 'OrphanKeyPair,*' })) {
            # An orphan the module could not confirm (its read-back failed too) may never have been made.
            $removeFailed = $null
            Remove-VietnixKeyPair -Name $orphan.TargetObject -Force -MaxRetries 5 -ErrorAction SilentlyContinue -ErrorVariable removeFailed
            $unexpected = @($removeFailed | Where-Object { $_.FullyQualifiedErrorId -notlike 'KeyPairNotFound,*' })
            if ($unexpected) { throw $unexpected[0] }
            if (-not $removeFailed) { $report.OrphansRemovedByHand++ }
        }
        $failedNames = @($allFailed | ForEach-Object { [string] $_.TargetObject })
        $pending = @($pending | Where-Object { $_ -in $failedNames })
    }
    $pending | Should -BeNullOrEmpty -Because "every name is generated within $Passes passes"
    $report
}

function Assert-ExactKeyPairSet {
    <#
    .SYNOPSIS
        The key pairs as Nova lists them are exactly the imported and the generated ones: each imported
        one holds its file's key, each generated one the key of its private key file in -PrivateKeyFolder
        (so none holds a key nobody has), and no two hold the same key.
    #>
    param([Parameter(Mandatory)] [object[]] $Stored, [Parameter(Mandatory)] [hashtable] $ImportedFingerprints, [Parameter(Mandatory)] [string[]] $GeneratedName, [Parameter(Mandatory)] [string] $PrivateKeyFolder)
    $expected = @($ImportedFingerprints.Keys) + $GeneratedName
    ($Stored.name | Sort-Object) | Should -Be ($expected | Sort-Object)
    @($Stored.fingerprint | Sort-Object -Unique).Count | Should -Be $expected.Count -Because 'no key is stored twice'
    foreach ($keyPair in $Stored) {
        if ($ImportedFingerprints.ContainsKey($keyPair.name)) {
            $keyPair.fingerprint | Should -Be $ImportedFingerprints[$keyPair.name] -Because "'$($keyPair.name)' must hold the key of its file"
            continue
        }
        $privateKeyFile = Join-Path $PrivateKeyFolder $keyPair.name
        Test-Path $privateKeyFile | Should -BeTrue -Because "the private key of '$($keyPair.name)' must be on this computer"
        $line = & ssh-keygen -l -E md5 -f $privateKeyFile
        ($line -split ' ')[1] -replace '^MD5:', '' | Should -Be $keyPair.fingerprint -Because "'$($keyPair.name)' must hold the key of $privateKeyFile"
    }
}

function Format-BulkRun {
    # One line of numbers for the test log.
    param([string] $Plan, [double] $Seconds, [hashtable] $Injected, $Imports, $Generations, [object[]] $Sent)
    $count = { param($method) @($Sent | Where-Object method -eq $method).Count }
    $describe = { param($report) "passes $($report.Passes), errors $($report.Errors) $((($report.ErrorIds.GetEnumerator() | Sort-Object Name | ForEach-Object { "$(($_.Name -split ',')[0])=$($_.Value)" }) -join ' ')), retries $($report.Retries), read-backs $($report.ReadBacks), orphans deleted $($report.OrphansDeleted) (by hand $($report.OrphansRemovedByHand))" }
    "  $Plan ($('{0:0.0}' -f $Seconds) s): faults injected $((($Injected.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ' ')); " +
    "imports: $(& $describe $Imports); generations: $(& $describe $Generations); " +
    "Nova received $(& $count POST) POST, $(& $count GET) GET, $(& $count DELETE) DELETE"
}

Export-ModuleMember -Function New-BulkKeyFolder, Invoke-BulkImport, Invoke-BulkGeneration, Assert-ExactKeyPairSet, Format-BulkRun
