<#
.SYNOPSIS
    Generates MAML help (<assembly>-Help.xml) for a binary module from markdown sources and the cmdlets' metadata.
.DESCRIPTION
    platyPS is not available here, so this does its job: every exported cmdlet needs docs/help/<Cmdlet>.md with a
    synopsis, a description, at least one example, and a section for every parameter (common parameters excepted).
    Parameter types, positions, pipeline input and aliases come from Get-Command, so the help cannot drift from the
    code. Any gap fails the build with a message naming the file and what is missing.
.EXAMPLE
    pwsh -File build/help/New-MamlHelp.ps1 -ModulePath out/PartnerRelationships/PartnerRelationships.psd1 -MarkdownFolder docs/help -OutputPath out/PartnerRelationships/en-US/PartnerRelationships.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $MarkdownFolder,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$standardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

# Splits a markdown file into its "## " sections; each value is the list of lines under the heading.
function Get-MarkdownSections([string[]] $Lines) {
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $current = $Matches[1].Trim().ToUpperInvariant()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $current) { $sections[$current].Add($line) }
    }
    return $sections
}

# Splits section lines into "### " subsections (ordered name → lines).
function Get-Subsections([System.Collections.Generic.List[string]] $Lines) {
    $subsections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^### (.+)$') {
            $current = $Matches[1].Trim()
            $subsections[$current] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $current) { $subsections[$current].Add($line) }
    }
    return $subsections
}

# Paragraphs of prose: blank lines separate them; lines inside one are joined with a space.
function ConvertTo-Paragraphs([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    foreach ($line in @($Lines) + '') {
        if ([string]::IsNullOrWhiteSpace($line)) {
            if ($buffer.Count) { $paragraphs.Add(($buffer -join ' ')); $buffer.Clear() }
        }
        else { $buffer.Add($line.Trim()) }
    }
    return , $paragraphs.ToArray()
}

function Add-Element([System.Xml.XmlNode] $Parent, [string] $QualifiedName, [string] $Text) {
    $prefix, $local = $QualifiedName.Split(':')
    $element = $Parent.OwnerDocument.CreateElement($prefix, $local, $namespaces[$prefix])
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    [void] $Parent.AppendChild($element)
    return $element
}

function Add-Paragraphs([System.Xml.XmlNode] $Parent, [string[]] $Paragraphs) {
    foreach ($paragraph in $Paragraphs) { [void] (Add-Element $Parent 'maml:para' $paragraph) }
}

# A parameter's type as a reader wants it: CloudEnvironment, not Nullable`1.
function Get-ShownType([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return $underlying }
    return $Type
}

function Get-TypeName([type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    return (Get-ShownType $Type).Name
}

# The values an enum parameter takes (its element type for an array), or nothing.
function Get-EnumValues([type] $Type) {
    $shown = Get-ShownType $Type
    if ($shown.IsArray) { $shown = Get-ShownType $shown.GetElementType() }
    if ($shown.IsEnum) { return [Enum]::GetNames($shown) }
}

function Add-ParameterElement([System.Xml.XmlNode] $Parent, $Parameter, [string[]] $Description, $SetData) {
    $element = Add-Element $Parent 'command:parameter'
    $pipeline = @(
        if ($SetData.ValueFromPipeline) { 'ByValue' }
        if ($SetData.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
    )
    $element.SetAttribute('required', ([string] $SetData.IsMandatory).ToLowerInvariant())
    $element.SetAttribute('variableLength', ([string] $Parameter.ParameterType.IsArray).ToLowerInvariant())
    $globbing = [bool] ($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $element.SetAttribute('globbing', ([string] $globbing).ToLowerInvariant())
    $element.SetAttribute('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $element.SetAttribute('position', $(if ($SetData.Position -ge 0) { [string] ($SetData.Position + 1) } else { 'named' }))
    $element.SetAttribute('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    [void] (Add-Element $element 'maml:name' $Parameter.Name)
    $enumValues = @(Get-EnumValues $Parameter.ParameterType)
    if ($enumValues) { $Description = @($Description) + "Accepted values: $($enumValues -join ', ')." }
    Add-Paragraphs (Add-Element $element 'maml:description') $Description
    $typeName = Get-TypeName $Parameter.ParameterType
    if ($Parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $value = Add-Element $element 'command:parameterValue' $typeName
        $value.SetAttribute('required', 'true')
        $value.SetAttribute('variableLength', ([string] $Parameter.ParameterType.IsArray).ToLowerInvariant())
    }
    $type = Add-Element $element 'dev:type'
    [void] (Add-Element $type 'maml:name' (Get-ShownType $Parameter.ParameterType).FullName)
    [void] (Add-Element $element 'dev:defaultValue' 'None')
}

$namespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$module = Import-Module $ModulePath -PassThru -Force
$cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
if (-not $cmdlets) { throw "Module $ModulePath exports no cmdlets." }

$problems = [System.Collections.Generic.List[string]]::new()
$document = [System.Xml.XmlDocument]::new()
[void] $document.AppendChild($document.CreateXmlDeclaration('1.0', 'utf-8', $null))
$root = $document.CreateElement('helpItems', 'http://msh')
$root.SetAttribute('schema', 'maml')
[void] $document.AppendChild($root)

foreach ($cmdlet in $cmdlets) {
    $file = Join-Path $MarkdownFolder "$($cmdlet.Name).md"
    if (-not (Test-Path $file)) { $problems.Add("$($cmdlet.Name): no help source at $file"); continue }
    $sections = Get-MarkdownSections (Get-Content $file)
    $synopsis = if ($sections.Contains('SYNOPSIS')) { ConvertTo-Paragraphs $sections['SYNOPSIS'] } else { @() }
    $description = if ($sections.Contains('DESCRIPTION')) { ConvertTo-Paragraphs $sections['DESCRIPTION'] } else { @() }
    if (-not $synopsis) { $problems.Add("${file}: the SYNOPSIS section is missing or empty") }
    if (-not $description) { $problems.Add("${file}: the DESCRIPTION section is missing or empty") }

    $parameterDocs = if ($sections.Contains('PARAMETERS')) { Get-Subsections $sections['PARAMETERS'] } else { [ordered]@{} }
    $documented = @{}
    foreach ($key in $parameterDocs.Keys) {
        $name = $key.TrimStart('-')
        if (-not $cmdlet.Parameters.ContainsKey($name)) { $problems.Add("${file}: documents -$name, which $($cmdlet.Name) does not have") }
        $documented[$name] = ConvertTo-Paragraphs $parameterDocs[$key]
    }
    $parameters = @($cmdlet.Parameters.Values | Where-Object { $_.Name -notin $commonParameters -or $standardDescriptions.ContainsKey($_.Name) })
    foreach ($parameter in $parameters) {
        if (-not $documented.ContainsKey($parameter.Name) -and -not $standardDescriptions.ContainsKey($parameter.Name)) {
            $problems.Add("${file}: parameter -$($parameter.Name) is not documented (add '### -$($parameter.Name)' under PARAMETERS)")
        }
        elseif ($documented.ContainsKey($parameter.Name) -and -not $documented[$parameter.Name]) {
            $problems.Add("${file}: parameter -$($parameter.Name) has an empty description")
        }
    }
    $examples = if ($sections.Contains('EXAMPLES')) { Get-Subsections $sections['EXAMPLES'] } else { [ordered]@{} }
    if (-not $examples.Count) { $problems.Add("${file}: no example (add '### Example 1: ...' with a powershell code block under EXAMPLES)") }

    $command = $document.CreateElement('command', 'command', $namespaces.command)
    foreach ($prefix in 'maml', 'command', 'dev') { $command.SetAttribute("xmlns:$prefix", $namespaces[$prefix]) }
    [void] $root.AppendChild($command)

    $details = Add-Element $command 'command:details'
    [void] (Add-Element $details 'command:name' $cmdlet.Name)
    [void] (Add-Element $details 'command:verb' $cmdlet.Verb)
    [void] (Add-Element $details 'command:noun' $cmdlet.Noun)
    Add-Paragraphs (Add-Element $details 'maml:description') $synopsis
    Add-Paragraphs (Add-Element $command 'maml:description') $description

    $descriptionOf = { param($name) if ($documented.ContainsKey($name)) { $documented[$name] } else { , $standardDescriptions[$name] } }
    $syntax = Add-Element $command 'command:syntax'
    foreach ($set in $cmdlet.ParameterSets) {
        $item = Add-Element $syntax 'command:syntaxItem'
        [void] (Add-Element $item 'maml:name' $cmdlet.Name)
        foreach ($setParameter in $set.Parameters | Where-Object { $_.Name -notin $commonParameters -or $standardDescriptions.ContainsKey($_.Name) }) {
            $parameter = $cmdlet.Parameters[$setParameter.Name]
            Add-ParameterElement $item $parameter (& $descriptionOf $parameter.Name) $setParameter
        }
    }
    $parameterList = Add-Element $command 'command:parameters'
    foreach ($parameter in $parameters) {
        # Across sets, the parameter's strongest binding facts describe it in the flat list.
        $setData = [pscustomobject]@{
            IsMandatory                     = [bool] ($parameter.ParameterSets.Values | Where-Object IsMandatory)
            ValueFromPipeline               = [bool] ($parameter.ParameterSets.Values | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool] ($parameter.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName)
            Position                        = ($parameter.ParameterSets.Values | ForEach-Object Position | Measure-Object -Maximum).Maximum
        }
        Add-ParameterElement $parameterList $parameter (& $descriptionOf $parameter.Name) $setData
    }

    foreach ($pair in @(@('INPUTS', 'command:inputTypes', 'command:inputType'), @('OUTPUTS', 'command:returnValues', 'command:returnValue'))) {
        $container = Add-Element $command $pair[1]
        if (-not $sections.Contains($pair[0])) { continue }
        $types = Get-Subsections $sections[$pair[0]]
        foreach ($typeName in $types.Keys) {
            $entry = Add-Element $container $pair[2]
            $type = Add-Element $entry 'dev:type'
            [void] (Add-Element $type 'maml:name' $typeName)
            Add-Paragraphs (Add-Element $entry 'maml:description') (ConvertTo-Paragraphs $types[$typeName])
        }
    }

    if ($sections.Contains('NOTES')) {
        $alert = Add-Element (Add-Element $command 'maml:alertSet') 'maml:alert'
        Add-Paragraphs $alert (ConvertTo-Paragraphs $sections['NOTES'])
    }

    $exampleList = Add-Element $command 'command:examples'
    foreach ($title in $examples.Keys) {
        $lines = $examples[$title]
        $code = [System.Collections.Generic.List[string]]::new()
        $remarks = [System.Collections.Generic.List[string]]::new()
        $inFence = $false; $sawCode = $false
        foreach ($line in $lines) {
            if ($line -match '^```') { $inFence = -not $inFence; $sawCode = $true; continue }
            if ($inFence) { $code.Add($line) } else { $remarks.Add($line) }
        }
        if (-not $sawCode -or -not $code.Count) { $problems.Add("${file}: '$title' has no code block") }
        $example = Add-Element $exampleList 'command:example'
        [void] (Add-Element $example 'maml:title' "-------------------------- $title --------------------------")
        [void] (Add-Element $example 'dev:code' ($code -join "`n"))
        Add-Paragraphs (Add-Element $example 'dev:remarks') (ConvertTo-Paragraphs $remarks)
    }

    $links = Add-Element $command 'command:relatedLinks'
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($line in $sections['RELATED LINKS']) {
            if ($line -match '\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)') {
                $text = $Matches.text; $uri = $Matches.uri
                $link = Add-Element $links 'maml:navigationLink'
                [void] (Add-Element $link 'maml:linkText' $text)
                [void] (Add-Element $link 'maml:uri' $(if ($uri -match '^https?://') { $uri } else { '' }))
            }
        }
    }
}

foreach ($extra in Get-ChildItem $MarkdownFolder -Filter '*.md') {
    if ($extra.BaseName -notin $cmdlets.Name) { $problems.Add("$($extra.FullName): no exported cmdlet named $($extra.BaseName)") }
}

if ($problems.Count) {
    $problems | ForEach-Object { [Console]::Error.WriteLine("help: $_") }
    exit 1
}

$folder = Split-Path $OutputPath -Parent
if (-not (Test-Path $folder)) { New-Item -ItemType Directory -Path $folder | Out-Null }
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
try { $document.Save($writer) } finally { $writer.Dispose() }
Write-Host "   help: $OutputPath ($($cmdlets.Count) cmdlets)"
