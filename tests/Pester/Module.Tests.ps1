BeforeDiscovery {
    # The per-cmdlet contexts are generated from the module's commands, so it must be loaded at discovery too.
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Module = Get-Module PartnerRelationships
    $script:Manifest = Import-PowerShellDataFile $script:ModuleManifest
}

Describe 'The built module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $exported = $script:Module.ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be ($script:Manifest.CmdletsToExport | Sort-Object)
        $script:Manifest.CmdletsToExport | Should -Not -Contain '*'
    }

    It 'names its cmdlets in Core messages from one list that matches the exported cmdlets' {
        # Core's messages say what to run next through CommandNames: a renamed cmdlet must be renamed there too.
        $core = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'PartnerRelationships.Core' } | Select-Object -First 1
        $named = $core.GetType('PartnerRelationships.Core.Text.CommandNames', $true).GetFields() | ForEach-Object { $_.GetRawConstantValue() }
        $named | Sort-Object | Should -Be ($script:Module.ExportedCmdlets.Keys | Sort-Object)
    }

    It 'names the parameters in Core messages from one list of real parameters of exported cmdlets' {
        # Core's messages say which parameter to give through ParameterNames: a renamed parameter must be renamed there too.
        $core = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'PartnerRelationships.Core' } | Select-Object -First 1
        $named = @($core.GetType('PartnerRelationships.Core.Text.ParameterNames', $true).GetFields() | ForEach-Object { $_.GetRawConstantValue() })
        $named.Count | Should -BeGreaterThan 0
        $real = $script:Module.ExportedCmdlets.Values | ForEach-Object { $_.Parameters.Keys } | Sort-Object -Unique
        $named | Where-Object { $_ -cnotin $real } | Should -BeNullOrEmpty -Because 'each name must be a parameter of an exported cmdlet'
    }

    It 'keeps third-party assemblies out of the module root' {
        $root = Split-Path $script:ModuleManifest
        (Get-ChildItem $root -Filter *.dll).Name | Sort-Object | Should -Be @('PartnerRelationships.dll', 'PartnerRelationships.Loader.dll')
        Join-Path $root 'Dependencies/YamlDotNet.dll' | Should -Exist
        Join-Path $root 'Dependencies/Microsoft.Graph.dll' | Should -Exist
        Join-Path $root 'Dependencies/PartnerRelationships.Store.Postgres.dll' | Should -Exist
        Join-Path $root 'Dependencies/Npgsql.dll' | Should -Exist
    }

    It 'ships the native SQLite library for <_>' -ForEach 'linux-x64', 'linux-arm64', 'osx-x64', 'osx-arm64', 'win-x64' {
        $native = Join-Path (Split-Path $script:ModuleManifest) "Dependencies/runtimes/$_/native"
        @(Get-ChildItem $native -File).Count | Should -BeGreaterThan 0
    }

    It 'does not load Microsoft.Graph or the store at import' {
        $probe = 'Import-Module ''{0}''; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -join '',''' -f $script:ModuleManifest
        $loaded = Invoke-Pwsh -NoProfile -NonInteractive -Command $probe
        $LASTEXITCODE | Should -Be 0
        $loaded | Should -Not -Match 'Microsoft\.Graph'
        $loaded | Should -Not -Match 'Microsoft\.Data\.Sqlite'
        $loaded | Should -Not -Match 'Npgsql'
        $loaded | Should -Match 'PartnerRelationships'
    }

    # Import time (issue 7): of everything the module ships, only the cmdlet assembly, the loader and Core (which the
    # cmdlet types mention) may load at import; YAML, Polly, Azure.Identity, MSAL, Kiota, SQLite, Npgsql and even
    # Microsoft.Bcl.TimeProvider wait for the first cmdlet that needs them.
    It 'loads only the cmdlet assembly, the loader and Core from the module folder at import' {
        $manifest = (Resolve-Path $script:ModuleManifest).Path
        $probe = @'
Import-Module '{0}'
$root = Split-Path '{0}'
[AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object {{ -not $_.IsDynamic -and $_.Location -and $_.Location.StartsWith($root) }} |
    ForEach-Object {{ $_.GetName().Name }}
'@ -f $manifest
        $loaded = @(Invoke-Pwsh -NoProfile -NonInteractive -Command $probe)
        $LASTEXITCODE | Should -Be 0
        $loaded | Sort-Object | Should -Be @('PartnerRelationships', 'PartnerRelationships.Core', 'PartnerRelationships.Loader')
    }

    It 'loads its dependencies in a private load context' {
        $folder = New-TestFolder
        try {
            $config = New-TestConfig -Folder $folder
            $probe = @'
Import-Module '{0}'
$null = Get-ResellerInvite -ConfigPath '{1}'
$yaml = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object {{ $_.GetName().Name -eq 'YamlDotNet' }}
[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($yaml).GetType().Name
'@ -f $script:ModuleManifest, $config
            $context = Invoke-Pwsh -NoProfile -NonInteractive -Command $probe
            $LASTEXITCODE | Should -Be 0
            $context | Should -Be 'DependencyLoadContext'
        }
        finally { Remove-Item $folder -Recurse -Force }
    }

    Context 'cmdlet <_.Name>' -ForEach @(Get-Command -Module PartnerRelationships | ForEach-Object { @{ Name = $_.Name; Command = $_ } }) {
        It 'uses an approved verb' {
            (Get-Verb).Verb | Should -Contain $Command.Verb
        }

        It 'declares its output type' {
            $Command.OutputType.Count | Should -BeGreaterThan 0
        }

        It 'has help with a synopsis, an example and every parameter described' {
            $help = Get-Help $Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match '^\s*\w+-\w+\s*\['   # not the auto-generated syntax stub
            @($help.Examples.Example).Count | Should -BeGreaterThan 0
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            foreach ($parameter in $Command.Parameters.Keys | Where-Object { $_ -notin $common }) {
                $documented = $help.Parameters.Parameter | Where-Object Name -EQ $parameter
                ($documented.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
            }
        }
    }

    # Connect/Disconnect change only the session, not the partner's records or the service.
    Context 'state-changing cmdlet <_.Name>' -ForEach @(Get-Command -Module PartnerRelationships |
            Where-Object Verb -In 'New', 'Set', 'Remove', 'Add', 'Clear', 'Sync', 'Invoke', 'Copy', 'Register', 'Unregister', 'Update', 'Stop', 'Start' |
            ForEach-Object { @{ Name = $_.Name; Command = $_ } }) {
        It 'supports -WhatIf and -Confirm' {
            $Command.Parameters.Keys | Should -Contain 'WhatIf'
            $Command.Parameters.Keys | Should -Contain 'Confirm'
        }
    }
}
