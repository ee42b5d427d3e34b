BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:ContactType = 'PartnerRelationships.Core.Workflow.SubscriptionSupportContact'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.SetCustomerSupportContactCommand'

    # The sandbox partner's own indirect reseller ($Reseller, CustomerFixtures.ps1) has this partner id.
    $script:ResellerMpn = '7654321'
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Set-CustomerSupportContact' {
    It 'names one of the customer''s indirect resellers on every subscription that can have one, skipping new commerce with a warning' {
        $c = New-CustomerWithReseller 'Contoso Reseller'
        $set = @(Set-CustomerSupportContact -CustomerTenantId $c.TenantId -IndirectReseller 'Tailspin IT' -Confirm:$false -PassThru -WarningVariable warnings -WarningAction SilentlyContinue)
        $set.Count | Should -Be 1
        $set[0].GetType().FullName | Should -Be $ContactType
        $set[0].State | Should -Be 'Set'
        $set[0].CustomerName | Should -Be 'Contoso Reseller'
        $set[0].SubscriptionName | Should -Be 'Office 365 E3'
        $set[0].SupportTenantId | Should -Be $Reseller
        $set[0].SupportName | Should -Be 'Tailspin IT'
        "$warnings" | Should -Match "Skipped 'Microsoft 365 Business Basic'.*new-commerce subscription cannot have a support contact"
        $read = Get-CustomerSupportContact -CustomerTenantId $c.TenantId -SubscriptionId $set[0].SubscriptionId
        $read.State | Should -Be 'Set'
        $read.SupportMpnId | Should -Be $set[0].SupportMpnId
    }

    It 'sets one subscription with explicit values, and refuses a new-commerce one clearly' {
        $c = New-TestCustomer -Name 'Contoso Explicit' -Relationship None
        $subscriptions = Get-CustomerSubscription $c.TenantId
        $legacy = ($subscriptions | Where-Object SupportContact -eq Available).SubscriptionId
        $nce = ($subscriptions | Where-Object SupportContact -eq NotSupported).SubscriptionId
        $set = Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SubscriptionId $legacy -SupportTenantId $Reseller -SupportMpnId $ResellerMpn -SupportName 'Tailspin IT' -Confirm:$false -PassThru
        $set.SupportMpnId | Should -Be $ResellerMpn
        $err = { Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SubscriptionId $nce -SupportTenantId $Reseller -SupportMpnId $ResellerMpn -SupportName 'Tailspin IT' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "SupportContactNotSupported,$ErrorSuffix" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'new-commerce'
    }

    It 'goes customer -> subscriptions -> contact down the pipeline' {
        $a = New-CustomerWithReseller 'Piped One'
        $b = New-CustomerWithReseller 'Piped Two'
        $set = @(Get-PartnerCustomer -Name 'Piped*' | Get-CustomerSubscription | Where-Object SupportContact -eq Available |
            Set-CustomerSupportContact -IndirectReseller $Reseller -Confirm:$false -PassThru)
        $set.CustomerTenantId | Sort-Object | Should -Be (@($a.TenantId, $b.TenantId) | Sort-Object)
        $set.CustomerName | Sort-Object | Should -Be @('Piped One', 'Piped Two')
        $set.SupportName | Should -Be @('Tailspin IT', 'Tailspin IT') -Because 'a customer object''s name is never taken as the contact''s'
    }

    It 'refuses a contact that is not one of your indirect resellers with the service''s reason' {
        $c = New-TestCustomer -Name 'Contoso Stranger' -Relationship None
        $legacy = (Get-CustomerSubscription $c.TenantId | Where-Object SupportContact -eq Available).SubscriptionId
        $err = { Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SubscriptionId $legacy -SupportTenantId ([guid]::NewGuid()) -SupportMpnId 1111111 -SupportName 'Stranger' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "RemoteBadRequest,$ErrorSuffix" -PassThru
        $err.Exception.Message | Should -Match '800016'
        (Get-CustomerSupportContact $c.TenantId -SubscriptionId $legacy).State | Should -Be 'NotSet'
    }

    It 'says which indirect resellers the customer has when the one named is not among them' {
        $c = New-CustomerWithReseller 'Contoso Unknown Reseller'
        $err = { Set-CustomerSupportContact -CustomerTenantId $c.TenantId -IndirectReseller 'Nobody' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "IndirectResellerNotFound,$ErrorSuffix" -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Match 'Tailspin IT'
    }

    It '-WhatIf changes nothing' {
        $c = New-CustomerWithReseller 'Contoso WhatIf'
        Set-CustomerSupportContact -CustomerTenantId $c.TenantId -IndirectReseller 'Tailspin IT' -WhatIf -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-CustomerSupportContact -CustomerTenantId $c.TenantId).State | Should -Not -Contain 'Set'
    }

    It 'refuses a support tenant id that is not a GUID and an MPN id that is not a number, before changing anything' {
        $c = New-TestCustomer -Name 'Contoso Invalid' -Relationship None
        $err = { Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SupportTenantId 'tailspin' -SupportMpnId $ResellerMpn -SupportName 'X' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidSupportContact,$ErrorSuffix" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        { Set-CustomerSupportContact -CustomerTenantId $c.TenantId -SupportTenantId $Reseller -SupportMpnId 'MPN-1' -SupportName 'X' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidSupportContact,$ErrorSuffix"
        (Get-CustomerSupportContact -CustomerTenantId $c.TenantId).State | Should -Not -Contain 'Set'
    }

    It 'fails clearly for an unknown customer' {
        { Set-CustomerSupportContact -CustomerTenantId ([guid]::NewGuid()) -IndirectReseller 'Tailspin IT' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "RemoteNotFound,$ErrorSuffix"
    }
}
