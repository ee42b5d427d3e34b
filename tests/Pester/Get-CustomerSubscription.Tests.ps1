BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:SubscriptionType = 'PartnerRelationships.Core.Workflow.CustomerSubscription'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.GetCustomerSubscriptionCommand'
    $script:Contoso = New-TestCustomer -Name 'Contoso Subscriptions' -Relationship None -HasActiveSubscriptions
    $script:GdapOnly = New-TestCustomer -Name 'Gdap Only Subscriptions' -NoReseller
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Get-CustomerSubscription' {
    It 'lists the customer''s subscriptions, saying which can have a support contact' {
        $subscriptions = @(Get-CustomerSubscription -CustomerTenantId $Contoso.TenantId)
        $subscriptions.Count | Should -Be 2
        $subscriptions[0].GetType().FullName | Should -Be $SubscriptionType
        $subscriptions.CustomerName | Sort-Object -Unique | Should -Be 'Contoso Subscriptions'
        ($subscriptions | Where-Object SubscriptionName -eq 'Office 365 E3').SupportContact | Should -Be 'Available'
        ($subscriptions | Where-Object SubscriptionName -eq 'Microsoft 365 Business Basic').SupportContact | Should -Be 'NotSupported'
        $subscriptions.Status | Sort-Object -Unique | Should -Be 'active'
    }

    It 'takes customers from Get-PartnerCustomer and pipes on to Get-CustomerSupportContact' {
        $contacts = @(Get-PartnerCustomer -Name 'Contoso Subscriptions' | Get-CustomerSubscription | Get-CustomerSupportContact)
        $contacts.Count | Should -Be 2
        ($contacts.State | Sort-Object) | Should -Be @('NotSet', 'NotSupported')
    }

    It 'writes nothing for a customer that never was a reseller customer' {
        Get-CustomerSubscription -CustomerTenantId $GdapOnly.TenantId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'shows the customer''s name above a table that fits 80 columns, ids in the list view' {
        $table = (Get-CustomerSubscription $Contoso.TenantId | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $table[0] | Should -Match 'Customer: Contoso Subscriptions'
        $table[1] | Should -Match '^Subscription\s+Status\s+SupportContact'
        ($table | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        $table -join "`n" | Should -Not -Match $Contoso.TenantId
        (Get-CustomerSubscription $Contoso.TenantId | Format-List | Out-String) | Should -Match "CustomerTenantId\s+: $($Contoso.TenantId)"
    }

    It 'fails clearly for an unknown customer and a tenant id that is not a GUID' {
        { Get-CustomerSubscription -CustomerTenantId ([guid]::NewGuid()) -ErrorAction Stop } | Should -Throw -ErrorId "RemoteNotFound,$ErrorSuffix"
        { Get-CustomerSubscription -CustomerTenantId 'contoso' -ErrorAction Stop } | Should -Throw -ErrorId "InvalidCustomerTenantId,$ErrorSuffix"
    }
}
