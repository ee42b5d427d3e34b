# The README's Install section, as an admin follows it: the package build.ps1 Package makes is installed with
# PowerShell's own Install-PSResource from a local folder repository, into a clean session whose user folders (HOME,
# the PSResourceGet repository list, the CurrentUser module path) are temporary, then imported and used.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Folder = New-TestFolder
    $script:ModuleFolder = Split-Path $ModuleManifest -Parent
    $script:Packager = Join-Path $PSScriptRoot '../../build/package/New-ModulePackage.ps1'
}

AfterAll {
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Installing the package' {
    It 'is a .nupkg that Install-PSResource installs for the current user, and the module imports and runs' {
        $repository = Join-Path $Folder 'repository'
        $userHome = Join-Path $Folder 'home'
        $null = New-Item -ItemType Directory -Path $userHome
        $install = @'
param($Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name PartnerRelationshipsLocal -Uri $Repository -Trusted
Install-PSResource PartnerRelationships -Repository PartnerRelationshipsLocal -Scope CurrentUser
Import-Module PartnerRelationships
$module = Get-Module PartnerRelationships
"version=$($module.Version)"
"base=$($module.ModuleBase)"
"cmdlets=$(@(Get-Command -Module PartnerRelationships).Count)"
New-PartnerRelationshipConfig -Path (Join-Path $HOME 'partner.yaml') -PartnerTenantId 6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c -MpnId 1234567 -PartnerName 'Fabrikam Cloud Services' | Out-Null
"partner=$((Get-PartnerRelationshipConfig -ConfigPath (Join-Path $HOME 'partner.yaml')).Partner.Name)"
'@
        $script = Join-Path $Folder 'install.ps1'
        Set-Content -Path $script -Value $install
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; XDG_CACHE_HOME = $env:XDG_CACHE_HOME; PSModulePath = $env:PSModulePath; Config = $env:PARTNERRELATIONSHIPS_CONFIG }
        try {
            $env:HOME = $userHome
            $env:XDG_DATA_HOME = Join-Path $userHome '.local/share'
            $env:XDG_CONFIG_HOME = Join-Path $userHome '.config'
            $env:XDG_CACHE_HOME = Join-Path $userHome '.cache'
            # .NET reports a user folder only once it exists (else "", and PSResourceGet would use the working folder).
            foreach ($name in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = New-Item -ItemType Directory -Path (Get-Item "env:$name").Value -Force }
            $env:PSModulePath = $null   # the session's defaults only: nothing of this test run's module path
            $env:PARTNERRELATIONSHIPS_CONFIG = $null
            # Packing too runs with the temporary user folders: PSResourceGet keeps its repository list there.
            $packed = (Invoke-Pwsh -NoProfile -NonInteractive -WorkingDirectory $Folder -File $Packager -ModuleFolder $ModuleFolder -OutputFolder $repository 2>&1 | ForEach-Object { "$_" }) -join "`n"
            $packExit = $LASTEXITCODE
            $text = (Invoke-Pwsh -NoProfile -NonInteractive -WorkingDirectory $Folder -File $script -Repository $repository 2>&1 | ForEach-Object { "$_" }) -join "`n"
            $exit = $LASTEXITCODE
        }
        finally {
            foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath') { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            $env:PARTNERRELATIONSHIPS_CONFIG = $saved.Config
        }

        $packExit | Should -Be 0 -Because $packed
        $expectedVersion = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
        (Get-ChildItem $repository -Filter *.nupkg).Name | Should -Be "PartnerRelationships.$expectedVersion.nupkg"

        $exit | Should -Be 0 -Because $text
        $text | Should -Match "version=$([regex]::Escape($expectedVersion))"
        Test-Path (Join-Path $userHome '.local/share/PSResourceGet/PSResourceRepository.xml') | Should -BeTrue   # registered in the temporary user folders
        $text | Should -Match ("base=" + [regex]::Escape($userHome) + '.*PartnerRelationships')   # the user's own module folder
        $text | Should -Match "cmdlets=$(@((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport).Count)"
        $text | Should -Match 'partner=Fabrikam Cloud Services'
    }
}
