BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:ContactType = 'PartnerRelationships.Core.Workflow.SubscriptionSupportContact'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.GetCustomerSupportContactCommand'
    $script:ResellerTenant = '3b33e682-00c3-41ee-9dd2-a548adf56438'
    $script:Contoso = New-TestCustomer -Name 'Contoso' -Relationship None
    $null = Invoke-SandboxControl -Method Post -Path 'customers/accept-reseller' -Body @{ tenantId = $Contoso.TenantId; indirectResellerId = $ResellerTenant; indirectResellerName = 'Trey Research' }
    $script:Fabrikam = New-TestCustomer -Name 'Fabrikam' -Relationship None
    $script:Legacy = (Get-CustomerSubscription $Contoso.TenantId | Where-Object SupportContact -eq Available).SubscriptionId
    Set-CustomerSupportContact -CustomerTenantId $Contoso.TenantId -SubscriptionId $Legacy -IndirectReseller 'Trey Research' -Confirm:$false
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Get-CustomerSupportContact' {
    It 'reads the support contact of each of the customer''s subscriptions' {
        $contacts = @(Get-CustomerSupportContact -CustomerTenantId $Contoso.TenantId)
        $contacts.Count | Should -Be 2
        $contacts[0].GetType().FullName | Should -Be $ContactType
        $set = $contacts | Where-Object SubscriptionId -eq $Legacy
        $set.State | Should -Be 'Set'
        $set.SupportTenantId | Should -Be $ResellerTenant
        $set.SupportName | Should -Be 'Trey Research'
        $set.SupportMpnId | Should -Match '^[0-9]{7}$'
        $set.CustomerName | Should -Be 'Contoso'
        $set.CustomerTenantId | Should -Be $Contoso.TenantId
        ($contacts | Where-Object SubscriptionId -ne $Legacy).State | Should -Be 'NotSupported'
    }

    It 'says NotSet for a subscription that can have a contact and has none, and reads one subscription' {
        $fabrikamLegacy = (Get-CustomerSubscription $Fabrikam.TenantId | Where-Object SupportContact -eq Available).SubscriptionId
        $one = @(Get-CustomerSupportContact -CustomerTenantId $Fabrikam.TenantId -SubscriptionId $fabrikamLegacy)
        $one.Count | Should -Be 1
        $one[0].State | Should -Be 'NotSet'
        $one[0].SupportName | Should -BeNullOrEmpty
    }

    It 'takes customers from the pipeline, by value and from Get-PartnerCustomer' {
        @($Contoso.TenantId, $Fabrikam.TenantId | Get-CustomerSupportContact).Count | Should -Be 4
        (Get-PartnerCustomer -Name Contoso | Get-CustomerSupportContact | Where-Object State -eq Set).SupportTenantId | Should -Be $ResellerTenant
    }

    It 'shows the customer''s name, and the support partner''s name under SupportName, at 80 and 120 columns' {
        foreach ($width in 80, 120) {
            $lines = (Get-CustomerSupportContact $Contoso.TenantId | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() }
            $lines[0] | Should -Match 'Customer: Contoso$'
            $lines[1] | Should -Match '^Subscription\s+State\s+SupportName\s+SupportMpnId'
            $lines[1] | Should -Not -Match '(^|\s)Name(\s|$)'
            $lines -join "`n" | Should -Match 'Office 365 E3\s+Set\s+Trey Research'
            ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $width
        }
    }

    It 'exports the customer and the support partner as separate, named columns' {
        $csv = Get-CustomerSupportContact $Contoso.TenantId | ConvertTo-Csv | ConvertFrom-Csv
        ($csv | Where-Object State -eq Set).CustomerName | Should -Be 'Contoso'
        ($csv | Where-Object State -eq Set).SupportName | Should -Be 'Trey Research'
        $csv[0].PSObject.Properties.Name | Should -Not -Contain 'Name'
    }

    It 'fails clearly for an unknown customer, an unknown subscription and a tenant id that is not a GUID' {
        { Get-CustomerSupportContact -CustomerTenantId ([guid]::NewGuid()) -ErrorAction Stop } | Should -Throw -ErrorId "RemoteNotFound,$ErrorSuffix"
        { Get-CustomerSupportContact -CustomerTenantId $Contoso.TenantId -SubscriptionId 'nope' -ErrorAction Stop } | Should -Throw -ErrorId "SubscriptionNotFound,$ErrorSuffix"
        { Get-CustomerSupportContact -CustomerTenantId 'contoso' -ErrorAction Stop } | Should -Throw -ErrorId "InvalidCustomerTenantId,$ErrorSuffix"
    }
}
