BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Get-PartnerRelationshipConfig' {
    BeforeEach {
        $script:Folder = New-TestFolder
        $script:SavedConfigVariable = $env:PARTNERRELATIONSHIPS_CONFIG
        $script:SavedXdg = $env:XDG_CONFIG_HOME
        # Point the user's config folder at an empty place so the machine's own file never leaks in.
        $env:XDG_CONFIG_HOME = Join-Path $script:Folder 'xdg'
        $env:PARTNERRELATIONSHIPS_CONFIG = $null
    }
    AfterEach {
        $env:PARTNERRELATIONSHIPS_CONFIG = $script:SavedConfigVariable
        $env:XDG_CONFIG_HOME = $script:SavedXdg
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'reads the file named by -ConfigPath' {
        $path = New-TestConfig -Folder $script:Folder -Extra "retry:`n  maxAttempts: 3"
        $config = Get-PartnerRelationshipConfig -ConfigPath $path
        # Core's types live in the module's private load context, so compare names rather than resolve the type.
        $config.GetType().FullName | Should -Be 'PartnerRelationships.Core.Configuration.PartnerRelationshipsConfig'
        $config.Retry.MaxAttempts | Should -Be 3
        $config.Store.Path | Should -Be (Join-Path $script:Folder 'store.db')
    }

    It 'falls back to $env:PARTNERRELATIONSHIPS_CONFIG' {
        $env:PARTNERRELATIONSHIPS_CONFIG = New-TestConfig -Folder $script:Folder
        (Get-PartnerRelationshipConfig).SourcePath | Should -Be $env:PARTNERRELATIONSHIPS_CONFIG
    }

    It 'falls back to the user config folder' {
        $userConfig = Join-Path $env:XDG_CONFIG_HOME 'PartnerRelationships/config.yaml'
        $null = New-PartnerRelationshipConfig -Path $userConfig -PartnerTenantId $PartnerTenantId -PartnerId $PartnerId -PartnerName 'User Folder'
        (Get-PartnerRelationshipConfig).Partner.Name | Should -Be 'User Folder'
    }

    It 'returns the built-in defaults when there is no file' {
        $config = Get-PartnerRelationshipConfig
        $config.SourcePath | Should -BeNullOrEmpty
        $config.Cloud | Should -Be 'Global'
        $config.Store.Provider | Should -Be 'Sqlite'
    }

    It 'names the file, line, column and key of an unknown key' {
        $path = New-TestConfig -Folder $script:Folder -Extra "retry:`n  maxAtempts: 3"
        $err = { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigUnknownKey,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand' -PassThru
        $line = (Get-Content $path).IndexOf('  maxAtempts: 3') + 1
        $err.Exception.Message | Should -BeLike "*partner.yaml:$($line):3*"
        $err.Exception.Message | Should -BeLike '*maxAttempts*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'refuses an alias cycle with its key and line instead of overflowing the stack' {
        # Before, this killed the whole PowerShell process (and with it this test run).
        $path = New-TestConfig -Folder $script:Folder -Extra "invites:`n  roles: &r [ *r ]"
        $err = { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigAliasCycle,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand' -PassThru
        $line = (Get-Content $path).IndexOf('  roles: &r [ *r ]') + 1
        $err.Exception.Message | Should -BeLike "*partner.yaml:$($line):*invites.roles*"
    }

    It 'refuses an alias bomb at once' {
        $bomb = 'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]' + "`n" +
            ((98..105 | ForEach-Object { $c = [char]$_; $p = [char]($_ - 1); "$($c): &$c [" + ((1..9 | ForEach-Object { "*$p" }) -join ',') + ']' }) -join "`n")
        $path = New-TestConfig -Folder $script:Folder -Extra $bomb.Replace('lol: &a', 'a: &a')
        { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigAliasExpansion,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand'
    }

    It 'refuses an empty store path' {
        $path = Join-Path $script:Folder 'empty-store.yaml'
        "store:`n  path: ''" | Set-Content -Path $path -Encoding utf8NoBOM
        $err = { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigInvalidValue,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*empty-store.yaml:2:*store.path is empty*'
    }

    It 'reports a value of the wrong type' {
        $path = New-TestConfig -Folder $script:Folder -Extra "retry:`n  maxAttempts: many"
        { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigInvalidValue,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand'
    }

    It 'refuses a secret written in the file' {
        $path = New-TestConfig -Folder $script:Folder -Extra "auth:`n  mode: ClientSecret`n  clientId: 11111111-2222-3333-4444-555555555555`n  clientSecret: hunter2"
        $err = { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigSecretInFile,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand' -PassThru
        $err.Exception.Message | Should -Not -Match 'hunter2'
    }

    It 'says how to create a file when the named one is missing' {
        $err = { Get-PartnerRelationshipConfig -ConfigPath (Join-Path $script:Folder 'nope.yaml') -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigFileNotFound,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand' -PassThru
        $err.Exception.Message | Should -Match 'New-PartnerRelationshipConfig'
    }
}
