<#
.SYNOPSIS
    Packs the built module folder into a .nupkg that PowerShell's own tooling installs (Install-PSResource).
.DESCRIPTION
    Uses Compress-PSResource from Microsoft.PowerShell.PSResourceGet, which ships with PowerShell 7.4 and later, so
    nothing is installed by hand. The package goes to -OutputFolder, which then serves as a local repository:

        Register-PSResourceRepository -Name PartnerRelationshipsLocal -Uri <OutputFolder> -Trusted
        Install-PSResource PartnerRelationships -Repository PartnerRelationshipsLocal -Scope CurrentUser
.OUTPUTS
    The .nupkg file.
#>
[CmdletBinding()]
param(
    # The built module folder (out/PartnerRelationships): its name is the module's.
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $OutputFolder
)

$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet -MinimumVersion 1.1.0
$manifest = Join-Path $ModuleFolder "$(Split-Path $ModuleFolder -Leaf).psd1"
$version = (Import-PowerShellDataFile $manifest).ModuleVersion
New-Item -ItemType Directory -Path $OutputFolder -Force | Out-Null
$package = Join-Path $OutputFolder "$(Split-Path $ModuleFolder -Leaf).$version.nupkg"
if (Test-Path $package) { Remove-Item $package }
Compress-PSResource -Path $ModuleFolder -DestinationPath $OutputFolder
if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package." }
Get-Item $package
