<#
.SYNOPSIS
    Builds the module's external help from the markdown in this folder: the MAML file Get-Help
    reads for the cmdlets, and the plain-text about topic.
.DESCRIPTION
    Writes <OutputFolder>/en-US/Vietnix.Keypairs.dll-Help.xml and one <topic>.help.txt per
    about_*.md. It does what platyPS's New-ExternalHelp does, without needing platyPS.

    The markdown follows platyPS's layout. Everything the code already states is taken from the
    imported module, not from the markdown: parameter types, parameter sets, mandatory, position,
    pipeline input, aliases and wildcard support ([SupportsWildcards]). A parameter section may
    carry a yaml block, but only its "Default value" is read; any other key is refused, so the
    markdown cannot contradict the code.

    Parameters that several cmdlets share, such as the sign-in parameters, are documented once,
    in a shared file named Common-<Topic>.md that holds only a "## PARAMETERS" section of
    "### -Name" sections. Such a file is not a cmdlet's help. Its sections are added to every
    cmdlet that has the parameter and does not document it in its own file: a cmdlet's own
    section wins. Added sections go before the cmdlet's own -PassThru, -WhatIf and -Confirm
    sections, which conventionally end the list, or at the end.

    The build fails, naming every problem, when an exported cmdlet has no markdown file, a file
    names no exported cmdlet, a file lacks SYNOPSIS, DESCRIPTION or an example with code, or when
    a parameter (common parameters aside) is undocumented or a documented one does not exist.
    These checks apply to each cmdlet's help after the shared sections are added. A shared file
    fails the build when it has a section other than PARAMETERS, documents a parameter that no
    exported cmdlet has or that another shared file documents too, or has an empty section.
.EXAMPLE
    dotnet pwsh -NoProfile -File src/Vietnix.Keypairs/help/Build-Help.ps1 -ModulePath module/Vietnix.Keypairs/Vietnix.Keypairs.psd1 -HelpSource src/Vietnix.Keypairs/help -OutputFolder module/Vietnix.Keypairs
#>
[CmdletBinding()]
param(
    # The assembled module's manifest; it is imported to read the cmdlets' metadata.
    [Parameter(Mandatory)] [string] $ModulePath,

    # The folder with one <Cmdlet-Name>.md per cmdlet, the Common-*.md shared parameter
    # sections and the about_*.md topics.
    [Parameter(Mandatory)] [string] $HelpSource,

    # The module folder; the help goes to its en-US subfolder.
    [Parameter(Mandatory)] [string] $OutputFolder
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$MamlNamespace = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}
$AboutTextWidth = 80

# Files of parameter sections shared by several cmdlets; never a cmdlet's help. No cmdlet can be
# named Common-*: Common is not an approved PowerShell verb.
$SharedParameterFilePattern = 'Common-*.md'

# Parameters that by convention end the list (-PassThru, and the ShouldProcess parameters that
# platyPS documents last); shared sections go before a cmdlet's own sections of these.
$LastParameters = @('PassThru', 'WhatIf', 'Confirm')

#region Markdown reading

function Read-MarkdownDocument {
    <#
    .SYNOPSIS
        Splits a markdown file into its H1 title and its H2 sections (name -> lines), skipping a
        yaml front matter block and never taking a '#' inside a code fence for a heading.
    #>
    param([Parameter(Mandatory)] [string] $Path)

    $lines = @(Get-Content -LiteralPath $Path -Encoding utf8)
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        if ($end -lt 0) { throw "$Path starts a front matter block with '---' but never closes it." }
        $start = $end + 1
    }

    $title = $null
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    for ($index = $start; $index -lt $lines.Count; $index++) {
        $line = $lines[$index]
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }

        if (-not $inFence -and $line -match '^# (.+)$' -and $null -eq $title) {
            $title = $Matches[1].Trim()
        }
        elseif (-not $inFence -and $line -match '^## (.+)$') {
            $name = $Matches[1].Trim()
            if ($sections.Contains($name)) { throw "$Path has the section '## $name' twice." }
            $current = [System.Collections.Generic.List[string]]::new()
            $sections[$name] = $current
        }
        elseif ($null -ne $current) {
            $current.Add($line)
        }
    }

    [pscustomobject]@{ Path = $Path; Title = $title; Sections = $sections }
}

function Get-MarkdownSection {
    param([Parameter(Mandatory)] $Document, [Parameter(Mandatory)] [string] $Name)
    if ($Document.Sections.Contains($Name)) { return , $Document.Sections[$Name] }
    , [System.Collections.Generic.List[string]]::new()
}

function Split-MarkdownSubsection {
    param([AllowEmptyCollection()] [string[]] $Lines = @())

    $subsections = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Title = ''; Lines = [System.Collections.Generic.List[string]]::new() }
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^### (.+)$') {
            $subsections.Add($current)
            $current = [pscustomobject]@{ Title = $Matches[1].Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
        }
        else {
            $current.Lines.Add($line)
        }
    }

    $subsections.Add($current)
    $subsections | Where-Object { $_.Title -or (Test-HasText $_.Lines) }
}

function Test-HasText {
    param([AllowEmptyCollection()] [AllowNull()] [string[]] $Lines)
    [bool]($Lines | Where-Object { $_ -and $_.Trim() })
}

function ConvertTo-MarkdownBlock {
    <#
    .SYNOPSIS
        Turns section lines into blocks: Paragraph, ListItem, Code, Table and Heading (H4 and
        deeper). A paragraph's lines are joined with spaces, as markdown renders them; a line
        that continues a list item (indented, or straight after it) joins the item.
    #>
    param([AllowEmptyCollection()] [string[]] $Lines = @())

    $blocks = [System.Collections.Generic.List[object]]::new()
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    $previousBlank = $true

    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*(```|~~~)\s*$') {
                $blocks.Add($fence)
                $fence = $null
            }
            else {
                $fence.Lines.Add($line)
            }
            continue
        }

        $last = if ($blocks.Count) { $blocks[$blocks.Count - 1] } else { $null }
        $continuesItem = $paragraph.Count -eq 0 -and $last -and $last.Kind -eq 'ListItem' -and ($line -match '^\s+\S' -or -not $previousBlank)
        if ($line -match '^\s*(```|~~~)\s*([\w-]*)\s*$') {
            Add-Paragraph $blocks $paragraph
            $fence = [pscustomobject]@{ Kind = 'Code'; Language = $Matches[2]; Lines = [System.Collections.Generic.List[string]]::new() }
        }
        elseif (-not $line.Trim()) {
            Add-Paragraph $blocks $paragraph
        }
        elseif ($line -match '^\s*\|') {
            Add-Paragraph $blocks $paragraph
            Add-TableRow -Blocks $blocks -Line $line
        }
        elseif ($line -match '^#{4,} (.+)$') {
            Add-Paragraph $blocks $paragraph
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Text = $Matches[1].Trim() })
        }
        elseif ($line -match '^\s*([-*+]|\d+\.)\s+(.*)$') {
            Add-Paragraph $blocks $paragraph
            $blocks.Add([pscustomobject]@{ Kind = 'ListItem'; Marker = $Matches[1]; Text = $Matches[2].Trim() })
        }
        elseif ($continuesItem) {
            $last.Text += ' ' + $line.Trim()
        }
        else {
            $paragraph.Add($line.Trim())
        }
        $previousBlank = -not $line.Trim()
    }

    if ($null -ne $fence) { throw "A code fence is never closed: it starts with '$($fence.Lines | Select-Object -First 1)'." }
    Add-Paragraph $blocks $paragraph
    , $blocks
}

function Add-Paragraph {
    param([Parameter(Mandatory)] [AllowEmptyCollection()] $Blocks, [Parameter(Mandatory)] [AllowEmptyCollection()] $Paragraph)
    if ($Paragraph.Count -eq 0) { return }
    $Blocks.Add([pscustomobject]@{ Kind = 'Paragraph'; Text = ($Paragraph -join ' ') })
    $Paragraph.Clear()
}

function Add-TableRow {
    # A markdown table row; the |---|---| line under the header only marks the header.
    param([Parameter(Mandatory)] [AllowEmptyCollection()] $Blocks, [Parameter(Mandatory)] [string] $Line)

    $cells = @($Line.Trim().Trim('|').Split('|') | ForEach-Object { $_.Trim() })
    $table = if ($Blocks.Count -and $Blocks[$Blocks.Count - 1].Kind -eq 'Table') { $Blocks[$Blocks.Count - 1] } else { $null }
    if ($null -eq $table) {
        $table = [pscustomobject]@{ Kind = 'Table'; Header = $cells; Rows = [System.Collections.Generic.List[object]]::new() }
        $Blocks.Add($table)
    }
    elseif (-not ($cells | Where-Object { $_ -notmatch '^:?-+:?$' })) {
        return
    }
    else {
        $table.Rows.Add($cells)
    }
}

function ConvertTo-PlainInline {
    # Markdown links become "text (address)"; a link to another help page keeps only its text.
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text)
    [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]*)\)', {
            param($match)
            $label = $match.Groups[1].Value
            $target = $match.Groups[2].Value
            if ($target -match '^https?://') { "$label ($target)" } else { $label }
        })
}

function Get-BlockText {
    param([AllowEmptyCollection()] [object[]] $Blocks = @())
    ($Blocks | Where-Object Kind -in 'Paragraph', 'ListItem', 'Heading' | ForEach-Object Text) -join ' '
}

#endregion

#region Cmdlet help source

function Read-CommandHelpSource {
    param([Parameter(Mandatory)] [string] $Path)

    $document = Read-MarkdownDocument -Path $Path
    [pscustomobject]@{
        Path        = $Path
        Name        = $document.Title
        Synopsis    = ConvertTo-MarkdownBlock (Get-MarkdownSection $document 'SYNOPSIS')
        Description = ConvertTo-MarkdownBlock (Get-MarkdownSection $document 'DESCRIPTION')
        Examples    = @(Read-ExampleSection (Get-MarkdownSection $document 'EXAMPLES'))
        Parameters  = Read-ParameterSection -Lines (Get-MarkdownSection $document 'PARAMETERS') -Path $Path
        Inputs      = @(Read-TypeSection (Get-MarkdownSection $document 'INPUTS'))
        Outputs     = @(Read-TypeSection (Get-MarkdownSection $document 'OUTPUTS'))
        Notes       = ConvertTo-MarkdownBlock (Get-MarkdownSection $document 'NOTES')
        Links       = @(Read-RelatedLink (Get-MarkdownSection $document 'RELATED LINKS'))
    }
}

function Read-ExampleSection {
    # "### Example N: title", then code fences (the example, and an ```output fence for what it
    # prints) and text (what it does). Like platyPS, the output goes into the example's code.
    param([AllowEmptyCollection()] [string[]] $Lines = @())
    foreach ($subsection in Split-MarkdownSubsection $Lines | Where-Object Title) {
        $blocks = ConvertTo-MarkdownBlock $subsection.Lines
        $fences = @($blocks | Where-Object Kind -eq 'Code')
        [pscustomobject]@{
            Title   = $subsection.Title
            HasCode = [bool]($fences | Where-Object { $_.Language -ne 'output' -and ($_.Lines -join '').Trim() })
            Code    = (@($fences | ForEach-Object { $_.Lines -join "`n" }) -join "`n`n")
            Remarks = @($blocks | Where-Object Kind -ne 'Code')
        }
    }
}

function Read-ParameterSection {
    # "### CommonParameters" is platyPS's standard paragraph, not a parameter.
    param([AllowEmptyCollection()] [string[]] $Lines = @(), [Parameter(Mandatory)] [string] $Path)

    $parameters = [ordered]@{}
    foreach ($subsection in Split-MarkdownSubsection $Lines | Where-Object Title) {
        if ($subsection.Title -eq 'CommonParameters') { continue }
        if ($subsection.Title -notmatch '^-(\w+)$') {
            throw "$Path has the parameter heading '### $($subsection.Title)'; parameter headings are '### -Name'."
        }

        $name = $Matches[1]
        if ($parameters.Contains($name)) { throw "$Path documents -$name twice." }
        $blocks = ConvertTo-MarkdownBlock $subsection.Lines
        $yaml = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' })
        $parameters[$name] = [pscustomobject]@{
            Origin       = $Path
            Blocks       = @($blocks | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') })
            DefaultValue = Read-ParameterDefault -Yaml $yaml -Parameter $name -Path $Path
        }
    }

    $parameters
}

function Read-ParameterDefault {
    param([AllowEmptyCollection()] [object[]] $Yaml = @(), [string] $Parameter, [string] $Path)
    $default = $null
    foreach ($line in $Yaml | ForEach-Object Lines | Where-Object { $_.Trim() }) {
        if ($line -notmatch '^\s*([^:]+):\s*(.*)$') { throw "$Path, -${Parameter}: the yaml line '$line' is not 'Key: value'." }
        if ($Matches[1].Trim() -ne 'Default value') {
            throw "$Path, -${Parameter}: the yaml key '$($Matches[1].Trim())' is not allowed; the cmdlet's own metadata supplies it. Only 'Default value' may be given."
        }
        $default = $Matches[2].Trim()
    }
    $default
}

function Read-TypeSection {
    # INPUTS/OUTPUTS: "### TypeName" and what it means.
    param([AllowEmptyCollection()] [string[]] $Lines = @())
    foreach ($subsection in Split-MarkdownSubsection $Lines | Where-Object Title) {
        [pscustomobject]@{ TypeName = $subsection.Title; Blocks = ConvertTo-MarkdownBlock $subsection.Lines }
    }
}

function Read-RelatedLink {
    # Only web addresses are kept: Get-Help cannot open a link to another markdown file.
    param([AllowEmptyCollection()] [string[]] $Lines = @())
    foreach ($line in $Lines | ForEach-Object { $_.Trim() -replace '^[-*+]\s+', '' } | Where-Object { $_ }) {
        if ($line -match '^\[([^\]]+)\]\(([^)]*)\)$') {
            $address = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
            [pscustomobject]@{ Text = $Matches[1]; Uri = $address }
        }
        else {
            [pscustomobject]@{ Text = $line; Uri = '' }
        }
    }
}

function Read-SharedParameterSource {
    <#
    .SYNOPSIS
        Reads a shared parameter file (Common-*.md): the "### -Name" sections of its "## PARAMETERS"
        section. Any other H2 section is refused, since no help would show it; text before the
        first H2 is a note for whoever edits the file and is not read.
    #>
    param([Parameter(Mandatory)] [string] $Path)

    $document = Read-MarkdownDocument -Path $Path
    $file = Split-Path -Leaf $Path
    $other = @($document.Sections.Keys | Where-Object { $_ -ne 'PARAMETERS' })
    if ($other) {
        throw "${file}: a shared parameter file holds only '## PARAMETERS', but it also has $(($other | ForEach-Object { "'## $_'" }) -join ', '), which no help would show."
    }
    $parameters = Read-ParameterSection -Lines (Get-MarkdownSection $document 'PARAMETERS') -Path $Path
    if ($parameters.Count -eq 0) { throw "${file}: it has no '### -Name' section under '## PARAMETERS'." }
    [pscustomobject]@{ Path = $Path; Parameters = $parameters }
}

function Add-SharedParameterSection {
    <#
    .SYNOPSIS
        Adds to a cmdlet's help source the shared sections of the parameters the cmdlet has and does
        not document itself: its own section wins. They go before its -PassThru, -WhatIf and
        -Confirm sections.
    #>
    param(
        [Parameter(Mandatory)] $Source,
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command,
        [AllowEmptyCollection()] [object[]] $Shared = @()
    )

    $actual = @(Get-DocumentableParameter $Command | ForEach-Object Name)
    $added = [ordered]@{}
    foreach ($sharedSource in $Shared) {
        foreach ($name in $sharedSource.Parameters.Keys) {
            if ($name -in $actual -and -not $Source.Parameters.Contains($name) -and -not $added.Contains($name)) {
                $added[$name] = $sharedSource.Parameters[$name]
            }
        }
    }
    if ($added.Count -eq 0) { return }

    $merged = [ordered]@{}
    foreach ($name in $Source.Parameters.Keys | Where-Object { $_ -notin $LastParameters }) { $merged[$name] = $Source.Parameters[$name] }
    foreach ($name in $added.Keys) { $merged[$name] = $added[$name] }
    foreach ($name in $Source.Parameters.Keys | Where-Object { $_ -in $LastParameters }) { $merged[$name] = $Source.Parameters[$name] }
    $Source.Parameters = $merged
    Write-Verbose "$($Command.Name): -$($added.Keys -join ', -') from the shared sections."
}

#endregion

#region Cmdlet metadata

function Get-DocumentableParameter {
    # The parameters help must describe: all but the common ones (-WhatIf and -Confirm included).
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    @($Command.Parameters.Values | Where-Object Name -notin $common)
}

function Get-TypeDisplayName {
    # What platyPS shows: the short name, with Nullable<T> shown as T.
    param([Parameter(Mandatory)] [type] $Type, [switch] $FullName)
    $element = if ($Type.IsArray) { $Type.GetElementType() } else { $Type }
    $element = [Nullable]::GetUnderlyingType($element) ?? $element
    $name = if ($FullName) { $element.FullName } else { $element.Name }
    if ($Type.IsArray) { "$name[]" } else { $name }
}

function Get-EnumValue {
    param([Parameter(Mandatory)] [type] $Type)
    $element = if ($Type.IsArray) { $Type.GetElementType() } else { $Type }
    $element = [Nullable]::GetUnderlyingType($element) ?? $element
    if ($element.IsEnum) { [Enum]::GetNames($element) } else { @() }
}

function Get-ParameterFact {
    <#
    .SYNOPSIS
        What Get-Help shows about a parameter, from the cmdlet's metadata. Given set-specific
        CommandParameterInfo objects, a parameter is required and positional only where every
        set agrees; pipeline input is what any set accepts.
    #>
    param(
        [Parameter(Mandatory)] [System.Management.Automation.ParameterMetadata] $Parameter,
        [Parameter(Mandatory)] [System.Management.Automation.CommandParameterInfo[]] $InSets
    )

    $byValue = [bool]($InSets | Where-Object ValueFromPipeline)
    $byPropertyName = [bool]($InSets | Where-Object ValueFromPipelineByPropertyName)
    $pipeline = @(if ($byPropertyName) { 'ByPropertyName' }; if ($byValue) { 'ByValue' })
    $positions = @($InSets.Position | Sort-Object -Unique)
    $isSwitch = $Parameter.SwitchParameter

    [pscustomobject]@{
        Name          = $Parameter.Name
        TypeName      = Get-TypeDisplayName $Parameter.ParameterType
        FullTypeName  = Get-TypeDisplayName $Parameter.ParameterType -FullName
        EnumValues    = @(Get-EnumValue $Parameter.ParameterType)
        IsSwitch      = $isSwitch
        Required      = -not ($InSets | Where-Object { -not $_.IsMandatory })
        Position      = if ($positions.Count -eq 1 -and $positions[0] -ge 0) { [string]$positions[0] } else { 'named' }
        PipelineInput = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        Aliases       = if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }
        Globbing      = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    }
}

function Get-ParameterInSet {
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command, [Parameter(Mandatory)] [string] $Name)
    @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $Name })
}

function Get-SyntaxParameter {
    # Positional parameters first, as PowerShell's own syntax lists them.
    param([Parameter(Mandatory)] [System.Management.Automation.CommandParameterSetInfo] $ParameterSet)
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $parameters = @($ParameterSet.Parameters | Where-Object Name -notin $common)
    @($parameters | Where-Object Position -ge 0 | Sort-Object Position) + @($parameters | Where-Object Position -lt 0)
}

#endregion

#region Checks

function Get-CommandHelpProblem {
    param([Parameter(Mandatory)] $Source, [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)

    $file = Split-Path -Leaf $Source.Path
    if ($Source.Name -ne $Command.Name) { "${file}: its title is '# $($Source.Name)', not '# $($Command.Name)'." }
    if (-not (Get-BlockText $Source.Synopsis)) { "${file}: SYNOPSIS is missing or empty." }
    if (-not (Get-BlockText $Source.Description)) { "${file}: DESCRIPTION is missing or empty." }
    if (-not $Source.Examples) { "${file}: EXAMPLES has no '### Example' section." }
    foreach ($example in $Source.Examples | Where-Object { -not $_.HasCode }) {
        "${file}: the example '$($example.Title)' has no code block."
    }

    $actual = @(Get-DocumentableParameter $Command | ForEach-Object Name)
    foreach ($name in $actual | Where-Object { -not $Source.Parameters.Contains($_) }) {
        "${file}: the parameter -$name has no '### -$name' section."
    }
    foreach ($name in $Source.Parameters.Keys | Where-Object { $_ -notin $actual }) {
        "${file}: '### -$name' documents a parameter that $($Command.Name) does not have."
    }
    # Shared sections are checked once, by Get-SharedParameterProblem.
    foreach ($name in $Source.Parameters.Keys | Where-Object { $_ -in $actual -and $Source.Parameters[$_].Origin -eq $Source.Path }) {
        if (-not (Get-BlockText $Source.Parameters[$name].Blocks)) { "${file}: the parameter -$name has no description." }
    }
}

function Get-SharedParameterProblem {
    # Each shared section must describe a parameter some cmdlet has, and be the only shared one for it.
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Shared,
        [Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module
    )

    $known = @($Module.ExportedCmdlets.Values | ForEach-Object { Get-DocumentableParameter $_ } | ForEach-Object Name | Sort-Object -Unique)
    $seen = @{}
    foreach ($source in $Shared) {
        $file = Split-Path -Leaf $source.Path
        foreach ($name in $source.Parameters.Keys) {
            if ($seen.ContainsKey($name)) { "${file}: -$name is documented in $($seen[$name]) too; a shared parameter belongs in one file." }
            else { $seen[$name] = $file }
            if ($name -notin $known) { "${file}: '### -$name' documents a parameter that no cmdlet of $($Module.Name) has." }
            if (-not (Get-BlockText $source.Parameters[$name].Blocks)) { "${file}: the parameter -$name has no description." }
        }
    }
}

#endregion

#region MAML writing

function New-MamlWriter {
    param([Parameter(Mandatory)] [string] $Path)
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    [System.Xml.XmlWriter]::Create($Path, $settings)
}

function Write-MamlElement {
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] [string] $Name, [AllowEmptyString()] [string] $Text = '', [hashtable] $Attribute = @{})
    $prefix, $local = $Name.Split(':')
    $Writer.WriteStartElement($prefix, $local, $MamlNamespace[$prefix])
    foreach ($key in $Attribute.Keys | Sort-Object) { $Writer.WriteAttributeString($key, $Attribute[$key]) }
    $Writer.WriteString($Text)
    $Writer.WriteEndElement()
}

function Write-MamlParagraph {
    <#
    .SYNOPSIS
        Blocks as maml:para elements: one per paragraph, list item and table row; a code block
        keeps its lines, indented, in one para.
    #>
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [AllowEmptyCollection()] [object[]] $Blocks = @())
    foreach ($block in $Blocks) {
        switch ($block.Kind) {
            'Paragraph' { Write-MamlElement $Writer 'maml:para' (ConvertTo-PlainInline $block.Text) }
            'Heading' { Write-MamlElement $Writer 'maml:para' ($block.Text.ToUpperInvariant()) }
            'ListItem' { Write-MamlElement $Writer 'maml:para' ("{0} {1}" -f ($block.Marker -replace '[*+]', '-'), (ConvertTo-PlainInline $block.Text)) }
            'Code' { Write-MamlElement $Writer 'maml:para' (($block.Lines | ForEach-Object { "    $_" }) -join "`n") }
            'Table' { foreach ($row in Format-TableLine $block) { Write-MamlElement $Writer 'maml:para' $row } }
        }
    }
}

function Write-MamlDescription {
    # <maml:description> with paragraphs; an empty one still holds an empty para, as platyPS writes.
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [AllowEmptyCollection()] [object[]] $Blocks = @())
    $Writer.WriteStartElement('maml', 'description', $MamlNamespace.maml)
    if ($Blocks) { Write-MamlParagraph $Writer $Blocks } else { Write-MamlElement $Writer 'maml:para' '' }
    $Writer.WriteEndElement()
}

function Write-MamlType {
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] [string] $TypeName)
    $Writer.WriteStartElement('dev', 'type', $MamlNamespace.dev)
    Write-MamlElement $Writer 'maml:name' $TypeName
    Write-MamlElement $Writer 'maml:uri' ''
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    <#
    .SYNOPSIS
        One <command:parameter>. In a syntax item a switch has no value and an enum lists its
        values, which is what makes Get-Help show "[-Force]" and "[-Type {Ssh | X509}]".
    #>
    param(
        [Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer,
        [Parameter(Mandatory)] $Fact,
        [AllowEmptyCollection()] [object[]] $Blocks = @(),
        [AllowNull()] [string] $DefaultValue,
        [switch] $InSyntax
    )

    $Writer.WriteStartElement('command', 'parameter', $MamlNamespace.command)
    $Writer.WriteAttributeString('required', $Fact.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Fact.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Fact.PipelineInput)
    $Writer.WriteAttributeString('position', $Fact.Position)
    $Writer.WriteAttributeString('aliases', $Fact.Aliases)
    Write-MamlElement $Writer 'maml:name' $Fact.Name
    Write-MamlDescription $Writer $Blocks

    if ($InSyntax -and $Fact.EnumValues) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $MamlNamespace.command)
        foreach ($value in $Fact.EnumValues) {
            Write-MamlElement $Writer 'command:parameterValue' $value -Attribute @{ required = 'false'; variableLength = 'false' }
        }
        $Writer.WriteEndElement()
    }
    if (-not ($InSyntax -and $Fact.IsSwitch)) {
        Write-MamlElement $Writer 'command:parameterValue' $Fact.TypeName -Attribute @{ required = (-not $Fact.IsSwitch).ToString().ToLowerInvariant(); variableLength = 'false' }
    }
    Write-MamlType $Writer $Fact.FullTypeName
    $default = if ($DefaultValue) { $DefaultValue } elseif ($Fact.IsSwitch) { 'False' } else { 'None' }
    Write-MamlElement $Writer 'dev:defaultValue' $default
    $Writer.WriteEndElement()
}

function Write-MamlSyntax {
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] $Source, [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $Writer.WriteStartElement('command', 'syntax', $MamlNamespace.command)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $MamlNamespace.command)
        Write-MamlElement $Writer 'maml:name' $Command.Name
        foreach ($parameter in Get-SyntaxParameter $set) {
            $fact = Get-ParameterFact -Parameter $Command.Parameters[$parameter.Name] -InSets @($parameter)
            $documented = $Source.Parameters[$parameter.Name]
            Write-MamlParameter $Writer $fact -Blocks $documented.Blocks -DefaultValue $documented.DefaultValue -InSyntax
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlParameterList {
    # Every parameter once, in the order the markdown documents them.
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] $Source, [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $Writer.WriteStartElement('command', 'parameters', $MamlNamespace.command)
    foreach ($name in $Source.Parameters.Keys) {
        $fact = Get-ParameterFact -Parameter $Command.Parameters[$name] -InSets (Get-ParameterInSet $Command $name)
        Write-MamlParameter $Writer $fact -Blocks $Source.Parameters[$name].Blocks -DefaultValue $Source.Parameters[$name].DefaultValue
    }
    $Writer.WriteEndElement()
}

function Write-MamlTypeList {
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] [string] $ListName, [Parameter(Mandatory)] [string] $ItemName, [AllowEmptyCollection()] [object[]] $Types = @())
    $Writer.WriteStartElement('command', $ListName, $MamlNamespace.command)
    foreach ($type in $Types) {
        $Writer.WriteStartElement('command', $ItemName, $MamlNamespace.command)
        Write-MamlType $Writer $type.TypeName
        Write-MamlDescription $Writer $type.Blocks
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Format-ExampleTitle {
    # platyPS centres the title between dashes; Get-Help shows it as the example's banner.
    param([Parameter(Mandatory)] [string] $Title)
    $dashes = '-' * [Math]::Max(10, [Math]::Floor((64 - $Title.Length) / 2))
    "$dashes $Title $dashes"
}

function Write-MamlExample {
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [AllowEmptyCollection()] [object[]] $Examples = @())
    $Writer.WriteStartElement('command', 'examples', $MamlNamespace.command)
    foreach ($example in $Examples) {
        $Writer.WriteStartElement('command', 'example', $MamlNamespace.command)
        Write-MamlElement $Writer 'maml:title' (Format-ExampleTitle $example.Title)
        Write-MamlElement $Writer 'dev:code' $example.Code
        $Writer.WriteStartElement('dev', 'remarks', $MamlNamespace.dev)
        Write-MamlParagraph $Writer $example.Remarks
        # Without a trailing empty para, Get-Help runs the remarks into the next example's title.
        Write-MamlElement $Writer 'maml:para' ''
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlRelatedLink {
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [AllowEmptyCollection()] [object[]] $Links = @())
    $Writer.WriteStartElement('command', 'relatedLinks', $MamlNamespace.command)
    foreach ($link in $Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $MamlNamespace.maml)
        Write-MamlElement $Writer 'maml:linkText' $link.Text
        Write-MamlElement $Writer 'maml:uri' $link.Uri
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    # One <command:command>, in the element order New-ExternalHelp writes.
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] $Source, [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)

    $Writer.WriteStartElement('command', 'command', $MamlNamespace.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') {
        $Writer.WriteAttributeString('xmlns', $prefix, $null, $MamlNamespace[$prefix])
    }

    $Writer.WriteStartElement('command', 'details', $MamlNamespace.command)
    Write-MamlElement $Writer 'command:name' $Command.Name
    Write-MamlElement $Writer 'command:verb' $Command.Verb
    Write-MamlElement $Writer 'command:noun' $Command.Noun
    Write-MamlDescription $Writer $Source.Synopsis
    $Writer.WriteEndElement()

    Write-MamlDescription $Writer $Source.Description
    Write-MamlSyntax $Writer $Source $Command
    Write-MamlParameterList $Writer $Source $Command
    Write-MamlTypeList $Writer 'inputTypes' 'inputType' $Source.Inputs
    Write-MamlTypeList $Writer 'returnValues' 'returnValue' $Source.Outputs

    $Writer.WriteStartElement('maml', 'alertSet', $MamlNamespace.maml)
    $Writer.WriteStartElement('maml', 'alert', $MamlNamespace.maml)
    Write-MamlParagraph $Writer $Source.Notes
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    Write-MamlExample $Writer $Source.Examples
    Write-MamlRelatedLink $Writer $Source.Links
    $Writer.WriteEndElement()
}

function Write-MamlHelpFile {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [object[]] $Entries)
    $writer = New-MamlWriter -Path $Path
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($entry in $Entries) { Write-MamlCommand $writer $entry.Source $entry.Command }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

#endregion

#region About topics

function Format-TableLine {
    <#
    .SYNOPSIS
        A markdown table as aligned text columns, with dashes under the header. When the table
        is wider than MaxWidth, the last column wraps onto continuation lines.
    #>
    param([Parameter(Mandatory)] $Table, [int] $MaxWidth = [int]::MaxValue)

    $count = $Table.Header.Count
    $rows = @(, $Table.Header) + @($Table.Rows)
    $widths = @(foreach ($column in 0..($count - 1)) {
            ($rows | ForEach-Object { if ($column -lt $_.Count) { $_[$column].Length } else { 0 } } | Measure-Object -Maximum).Maximum
        })
    $lead = 2 * ($count - 1)
    if ($count -gt 1) { $lead += ($widths[0..($count - 2)] | Measure-Object -Sum).Sum }
    $widths[$count - 1] = [Math]::Max(20, [Math]::Min($widths[$count - 1], $MaxWidth - $lead))

    $dashes = @($widths | ForEach-Object { '-' * $_ })
    foreach ($cells in @(, $Table.Header) + @(, $dashes) + @($Table.Rows)) {
        $leading = ''
        for ($column = 0; $column -lt $count - 1; $column++) {
            $text = if ($column -lt $cells.Count) { $cells[$column] } else { '' }
            $leading += $text.PadRight($widths[$column]) + '  '
        }
        $last = if ($count - 1 -lt $cells.Count) { $cells[$count - 1] } else { '' }
        $wrapped = @(Split-WordWrapped -Text $last -Width $widths[$count - 1])
        ($leading + $wrapped[0]).TrimEnd()
        foreach ($continuation in $wrapped | Select-Object -Skip 1) { (' ' * $lead) + $continuation }
    }
}

function Split-WordWrapped {
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text, [Parameter(Mandatory)] [int] $Width)
    $line = ''
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if ($line -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $line
            $line = $word
        }
        else {
            $line = if ($line) { "$line $word" } else { $word }
        }
    }
    $line
}

function Format-WrappedText {
    param([Parameter(Mandatory)] [string] $Text, [int] $Indent, [string] $FirstLinePrefix = '')
    $lines = @(Split-WordWrapped -Text $Text -Width ($AboutTextWidth - $Indent - $FirstLinePrefix.Length))
    (' ' * $Indent) + $FirstLinePrefix + $lines[0]
    foreach ($line in $lines | Select-Object -Skip 1) { (' ' * ($Indent + $FirstLinePrefix.Length)) + $line }
}

function ConvertTo-AboutLine {
    param([AllowEmptyCollection()] [object[]] $Blocks = @(), [int] $Indent = 4)
    for ($index = 0; $index -lt $Blocks.Count; $index++) {
        $block = $Blocks[$index]
        switch ($block.Kind) {
            'Paragraph' { Format-WrappedText (ConvertTo-PlainInline $block.Text) -Indent $Indent }
            'Heading' { (' ' * $Indent) + $block.Text }
            'ListItem' { Format-WrappedText (ConvertTo-PlainInline $block.Text) -Indent $Indent -FirstLinePrefix (($block.Marker -replace '[*+]', '-') + ' ') }
            'Code' { $block.Lines | ForEach-Object { if ($_) { (' ' * ($Indent + 4)) + $_ } else { '' } } }
            'Table' { Format-TableLine $block -MaxWidth ($AboutTextWidth - $Indent) | ForEach-Object { (' ' * $Indent) + $_ } }
        }

        # A blank line after each block, except between items of one list.
        $nextIsListItem = $index + 1 -lt $Blocks.Count -and $Blocks[$index + 1].Kind -eq 'ListItem'
        if (-not ($block.Kind -eq 'ListItem' -and $nextIsListItem)) { '' }
    }
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
        An about_*.md as the classic about_*.help.txt layout. Get-Help takes line 5 as the
        topic's synopsis, so the file starts TOPIC / name / blank / SHORT DESCRIPTION / text.
    #>
    param([Parameter(Mandatory)] [string] $Path)

    $document = Read-MarkdownDocument -Path $Path
    $topic = [IO.Path]::GetFileNameWithoutExtension($Path)
    if ($document.Title -ne $topic) { throw "$(Split-Path -Leaf $Path): its title is '# $($document.Title)', not '# $topic'." }
    $shortName = @($document.Sections.Keys | Where-Object { $_ -eq 'Short description' })
    if (-not $shortName) { throw "$(Split-Path -Leaf $Path): it has no '## Short description' section, which Get-Help shows as the topic's synopsis." }

    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.AddRange([string[]]@('TOPIC', "    $topic", '', 'SHORT DESCRIPTION'))
    $short = ConvertTo-MarkdownBlock (Get-MarkdownSection $document 'Short description')
    if (-not (Get-BlockText $short)) { throw "$(Split-Path -Leaf $Path): '## Short description' is empty." }
    $lines.AddRange([string[]]@(ConvertTo-AboutLine $short))

    foreach ($name in $document.Sections.Keys | Where-Object { $_ -ne 'Short description' }) {
        $lines.Add($name.ToUpperInvariant())
        foreach ($subsection in Split-MarkdownSubsection $document.Sections[$name]) {
            if ($subsection.Title) { $lines.AddRange([string[]]@("  $($subsection.Title)", '')) }
            $lines.AddRange([string[]]@(ConvertTo-AboutLine (ConvertTo-MarkdownBlock $subsection.Lines)))
        }
    }

    ($lines -join [Environment]::NewLine).TrimEnd() + [Environment]::NewLine
}

#endregion

#region Main

function Get-CommandHelpEntry {
    <#
    .SYNOPSIS
        Pairs every exported cmdlet with its markdown, completed with the shared parameter
        sections, and collects every problem before failing, so one build run shows all that is
        missing.
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module, [Parameter(Mandatory)] [string] $Folder)

    $problems = [System.Collections.Generic.List[string]]::new()
    $entries = [System.Collections.Generic.List[object]]::new()
    $cmdlets = @($Module.ExportedCmdlets.Values | Sort-Object Name)
    $files = @(Get-ChildItem -LiteralPath $Folder -Filter *.md -File | Where-Object { $_.Name -notlike 'about_*' -and $_.Name -notlike $SharedParameterFilePattern })

    $shared = [System.Collections.Generic.List[object]]::new()
    foreach ($file in Get-ChildItem -LiteralPath $Folder -Filter $SharedParameterFilePattern -File | Sort-Object Name) {
        try {
            $shared.Add((Read-SharedParameterSource -Path $file.FullName))
        }
        catch {
            $problems.Add($_.Exception.Message)
        }
    }
    $found = @(Get-SharedParameterProblem -Shared $shared -Module $Module)
    if ($found) { $problems.AddRange([string[]]$found) }

    foreach ($file in $files | Where-Object BaseName -notin $cmdlets.Name) {
        $problems.Add("$($file.Name): $($Module.Name) exports no cmdlet named '$($file.BaseName)'.")
    }
    foreach ($command in $cmdlets) {
        $path = Join-Path $Folder "$($command.Name).md"
        if (-not (Test-Path -LiteralPath $path)) {
            $problems.Add("$($command.Name) has no help: $path is missing.")
            continue
        }

        try {
            $source = Read-CommandHelpSource -Path $path
        }
        catch {
            $problems.Add($_.Exception.Message)
            continue
        }
        Add-SharedParameterSection -Source $source -Command $command -Shared $shared
        $found = @(Get-CommandHelpProblem -Source $source -Command $command)
        if ($found) { $problems.AddRange([string[]]$found) } else { $entries.Add([pscustomobject]@{ Source = $source; Command = $command }) }
    }

    if ($problems.Count) {
        # One line each: an exception message would be re-wrapped into a single paragraph.
        foreach ($problem in $problems) { $Host.UI.WriteErrorLine("  $problem") }
        throw "The help is incomplete: $($problems.Count) problem(s), listed above."
    }
    $entries
}

function Get-HelpFileName {
    # Get-Help looks for a binary module's help as <cmdlet assembly file name>-Help.xml.
    param([Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module)
    $assemblies = @($Module.ExportedCmdlets.Values | ForEach-Object { [IO.Path]::GetFileName($_.ImplementingType.Assembly.Location) } | Sort-Object -Unique)
    if ($assemblies.Count -ne 1) { throw "Expected the cmdlets of $($Module.Name) in one assembly, found: $($assemblies -join ', ')." }
    "$($assemblies[0])-Help.xml"
}

$sourceFolder = (Resolve-Path -LiteralPath $HelpSource).ProviderPath
$module = Import-Module -Name (Resolve-Path -LiteralPath $ModulePath).ProviderPath -Force -PassThru
$helpFileName = Get-HelpFileName -Module $module
$entries = Get-CommandHelpEntry -Module $module -Folder $sourceFolder

# Everything is converted before anything is written, so a failed build leaves no partial help.
$aboutTopics = @(Get-ChildItem -LiteralPath $sourceFolder -Filter 'about_*.md' -File | ForEach-Object {
        [pscustomobject]@{ Name = $_.BaseName; Text = ConvertTo-AboutHelpText -Path $_.FullName }
    })

$cultureFolder = New-Item -ItemType Directory -Force -Path (Join-Path $OutputFolder 'en-US')
$mamlPath = Join-Path $cultureFolder $helpFileName
Write-MamlHelpFile -Path $mamlPath -Entries $entries
Write-Verbose "Wrote $mamlPath ($($entries.Count) cmdlets)."

foreach ($topic in $aboutTopics) {
    $textPath = Join-Path $cultureFolder "$($topic.Name).help.txt"
    # UTF-8 with a BOM, so Windows PowerShell 5.1 reads it as UTF-8 too.
    Set-Content -LiteralPath $textPath -Value $topic.Text -Encoding utf8BOM -NoNewline
    Write-Verbose "Wrote $textPath."
}

#endregion
