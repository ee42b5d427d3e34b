BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'New-PartnerRelationshipConfig' {
    BeforeEach { $script:Folder = New-TestFolder }
    AfterEach { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'writes a commented starter file that loads back with the same partner' {
        $path = Join-Path $script:Folder 'partner.yaml'
        $file = New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -PartnerId $PartnerId -PartnerName 'Fabrikam Cloud'
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be $path
        Get-Content $path -Raw | Should -Match '(?m)^\s*#'
        $config = Get-PartnerRelationshipConfig -ConfigPath $path
        $config.Partner.TenantId | Should -Be $PartnerTenantId
        $config.Partner.PartnerId | Should -Be $PartnerId
        $config.Partner.Name | Should -Be 'Fabrikam Cloud'
        $config.SourcePath | Should -Be $path
    }

    It 'records the indirect reseller id' {
        $path = Join-Path $script:Folder 'partner.yaml'
        $null = New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -PartnerId $PartnerId -PartnerName 'Fabrikam' -IndirectResellerId 7654321
        (Get-PartnerRelationshipConfig -ConfigPath $path).Partner.IndirectResellerId | Should -Be '7654321'
    }

    It 'takes its values from the pipeline by property name' {
        $path = Join-Path $script:Folder 'partner.yaml'
        [pscustomobject]@{ PartnerTenantId = $PartnerTenantId; PartnerId = $PartnerId; PartnerName = 'Piped Partner' } |
            New-PartnerRelationshipConfig -Path $path | Out-Null
        (Get-PartnerRelationshipConfig -ConfigPath $path).Partner.Name | Should -Be 'Piped Partner'
    }

    It 'refuses to overwrite an existing file without -Force' {
        $path = Join-Path $script:Folder 'partner.yaml'
        Set-Content $path 'keep me'
        { New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -PartnerId $PartnerId -PartnerName 'X' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigFileExists,PartnerRelationships.PowerShell.Cmdlets.NewPartnerRelationshipConfigCommand'
        Get-Content $path | Should -Be 'keep me'
        $null = New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -PartnerId $PartnerId -PartnerName 'X' -Force
        (Get-PartnerRelationshipConfig -ConfigPath $path).Partner.Name | Should -Be 'X'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $script:Folder 'partner.yaml'
        New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -PartnerId $PartnerId -PartnerName 'X' -WhatIf
        $path | Should -Not -Exist
    }

    It 'rejects <Case>' -ForEach @(
        @{ Case = 'a tenant id that is not a GUID'; TenantId = 'not-a-guid'; Id = '1234567'; Name = 'X' }
        @{ Case = 'a partner id with letters'; TenantId = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'; Id = '12ab'; Name = 'X' }
        @{ Case = 'a name with a line break'; TenantId = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'; Id = '1234567'; Name = "Fab`nrikam" }
    ) {
        $path = Join-Path $script:Folder 'partner.yaml'
        { New-PartnerRelationshipConfig -Path $path -PartnerTenantId $TenantId -PartnerId $Id -PartnerName $Name -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigInvalidValue,PartnerRelationships.PowerShell.Cmdlets.NewPartnerRelationshipConfigCommand'
        $path | Should -Not -Exist
    }
}
