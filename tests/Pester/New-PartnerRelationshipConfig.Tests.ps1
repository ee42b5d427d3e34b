BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'New-PartnerRelationshipConfig' {
    BeforeEach { $script:Folder = New-TestFolder }
    AfterEach { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'writes a commented starter file that loads back with the same partner' {
        $path = Join-Path $script:Folder 'partner.yaml'
        $file = New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -MpnId $PartnerId -PartnerName 'Fabrikam Cloud'
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be $path
        Get-Content $path -Raw | Should -Match '(?m)^\s*#'
        $config = Get-PartnerRelationshipConfig -ConfigPath $path
        $config.Partner.TenantId | Should -Be $PartnerTenantId
        $config.Partner.MpnId | Should -Be $PartnerId
        $config.Partner.Name | Should -Be 'Fabrikam Cloud'
        $config.SourcePath | Should -Be $path
    }

    It 'records the indirect reseller by tenant id and MPN id' {
        $path = Join-Path $script:Folder 'partner.yaml'
        $null = New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -MpnId $PartnerId -PartnerName 'Fabrikam' `
            -IndirectResellerTenantId 7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b -IndirectResellerMpnId 7654321
        $partner = (Get-PartnerRelationshipConfig -ConfigPath $path).Partner
        $partner.IndirectResellerTenantId | Should -Be '7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b'
        $partner.IndirectResellerMpnId | Should -Be '7654321'
    }

    It 'still takes -PartnerId as the MPN id, and names the key each id goes in' {
        $path = Join-Path $script:Folder 'partner.yaml'
        $null = New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -PartnerId $PartnerId -PartnerName 'Fabrikam'
        $text = Get-Content $path -Raw
        $text | Should -Match "(?m)^  mpnId: '$PartnerId'"
        $text | Should -Match "(?m)^  # Your partner \(Entra\) tenant id, a GUID: the link's partnerId\."
        $text | Should -Match '(?m)^  # requestDelegatedAdmin: false'
    }

    It 'refuses a file that puts a GUID where the MPN id goes, naming the line and the right key' {
        $path = Join-Path $script:Folder 'partner.yaml'
        "partner:`n  tenantId: $PartnerTenantId`n  mpnId: $PartnerTenantId`n" | Set-Content $path
        $err = { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ConfigInvalidValue,*'
        $err.Exception.Message | Should -BeLike "*partner.yaml:3:*partner.mpnId holds a GUID, which is a tenant id; tenant ids go in partner.tenantId*"
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
        { New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -MpnId $PartnerId -PartnerName 'X' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigFileExists,PartnerRelationships.PowerShell.Cmdlets.NewPartnerRelationshipConfigCommand'
        Get-Content $path | Should -Be 'keep me'
        $null = New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -MpnId $PartnerId -PartnerName 'X' -Force
        (Get-PartnerRelationshipConfig -ConfigPath $path).Partner.Name | Should -Be 'X'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $script:Folder 'partner.yaml'
        New-PartnerRelationshipConfig -Path $path -PartnerTenantId $PartnerTenantId -MpnId $PartnerId -PartnerName 'X' -WhatIf
        $path | Should -Not -Exist
    }

    It 'rejects <Case>' -ForEach @(
        @{ Case = 'a tenant id that is not a GUID'; TenantId = 'not-a-guid'; Id = '1234567'; Name = 'X' }
        @{ Case = 'an MPN id with letters'; TenantId = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'; Id = '12ab'; Name = 'X' }
        @{ Case = 'a tenant GUID given as the MPN id'; TenantId = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'; Id = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'; Name = 'X' }
        @{ Case = 'a name with a line break'; TenantId = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'; Id = '1234567'; Name = "Fab`nrikam" }
    ) {
        $path = Join-Path $script:Folder 'partner.yaml'
        { New-PartnerRelationshipConfig -Path $path -PartnerTenantId $TenantId -PartnerId $Id -PartnerName $Name -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigInvalidValue,PartnerRelationships.PowerShell.Cmdlets.NewPartnerRelationshipConfigCommand'
        $path | Should -Not -Exist
    }
}
