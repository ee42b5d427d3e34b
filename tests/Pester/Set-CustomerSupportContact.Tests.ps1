BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'Sandbox.ps1')
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:ContactType = 'PartnerRelationships.Core.Remote.SupportContactInfo'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.SetCustomerSupportContactCommand'
    $script:Reseller = '9c8b7a6f-5e4d-4c3b-a291-8f7e6d5c4b3a'
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Set-CustomerSupportContact' {
    It 'sets the partner itself from the configuration by default, and reads back the same' {
        $c = New-TestCustomer -Name 'Contoso Default' -Relationship None
        Set-CustomerSupportContact -CustomerTenantId $c.TenantId -Confirm:$false | Should -BeNullOrEmpty
        $read = Get-CustomerSupportContact -CustomerTenantId $c.TenantId
        $read.SupportTenantId | Should -Be $PartnerTenantId
        $read.SupportMpnId | Should -Be $PartnerId
        $read.Name | Should -Be 'Fabrikam Cloud Services'
    }

    It 'sets another partner and round-trips it (-PassThru)' {
        $c = New-TestCustomer -Name 'Contoso Indirect' -Relationship None
        $set = Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SupportTenantId $Reseller -SupportMpnId 7654321 -SupportName 'Tailspin IT' -Confirm:$false -PassThru
        $set.GetType().FullName | Should -Be $ContactType
        $set.CustomerTenantId | Should -Be $c.TenantId
        $set.SupportTenantId | Should -Be $Reseller
        $read = Get-CustomerSupportContact -CustomerTenantId $c.TenantId
        $read.SupportTenantId | Should -Be $Reseller
        $read.SupportMpnId | Should -Be '7654321'
        $read.Name | Should -Be 'Tailspin IT'
    }

    It 'takes customers from Get-PartnerCustomer without taking the customer''s name as the contact''s' {
        $a = New-TestCustomer -Name 'Piped One' -Relationship None
        $b = New-TestCustomer -Name 'Piped Two' -Relationship None
        $set = @(Get-PartnerCustomer -Name 'Piped*' | Set-CustomerSupportContact -Confirm:$false -PassThru)
        $set.CustomerTenantId | Sort-Object | Should -Be (@($a.TenantId, $b.TenantId) | Sort-Object)
        $set.Name | Should -Be @('Fabrikam Cloud Services', 'Fabrikam Cloud Services')
    }

    It '-WhatIf changes nothing' {
        $c = New-TestCustomer -Name 'Contoso WhatIf' -Relationship None
        Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SupportTenantId $Reseller -WhatIf | Should -BeNullOrEmpty
        Get-CustomerSupportContact -CustomerTenantId $c.TenantId | Should -BeNullOrEmpty
    }

    It 'refuses a support tenant id that is not a GUID and an MPN id that is not a number, before changing anything' {
        $c = New-TestCustomer -Name 'Contoso Invalid' -Relationship None
        $err = { Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SupportTenantId 'tailspin' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidSupportContact,$ErrorSuffix" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        { Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SupportMpnId 'MPN-1' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidSupportContact,$ErrorSuffix"
        Get-CustomerSupportContact -CustomerTenantId $c.TenantId | Should -BeNullOrEmpty
    }

    It 'fails clearly for an unknown customer' {
        { Set-CustomerSupportContact -CustomerTenantId ([guid]::NewGuid()) -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "RemoteNotFound,$ErrorSuffix"
    }
}
