BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'Sandbox.ps1')
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:ContactType = 'PartnerRelationships.Core.Remote.SupportContactInfo'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.GetCustomerSupportContactCommand'
    $script:Contoso = New-TestCustomer -Name 'Contoso' -Relationship None
    $script:Fabrikam = New-TestCustomer -Name 'Fabrikam' -Relationship None
    Set-CustomerSupportContact -CustomerTenantId $Contoso.TenantId -Confirm:$false
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Get-CustomerSupportContact' {
    It 'reads the customer''s support contact' {
        $contact = Get-CustomerSupportContact -CustomerTenantId $Contoso.TenantId
        $contact.GetType().FullName | Should -Be $ContactType
        $contact.SupportTenantId | Should -Be $PartnerTenantId
        $contact.SupportMpnId | Should -Be $PartnerId
        $contact.Name | Should -Be 'Fabrikam Cloud Services'
        $contact.CustomerTenantId | Should -Be $Contoso.TenantId
    }

    It 'writes nothing for a customer without one' {
        Get-CustomerSupportContact -CustomerTenantId $Fabrikam.TenantId | Should -BeNullOrEmpty
    }

    It 'takes customers from the pipeline, by value and from Get-PartnerCustomer' {
        @($Contoso.TenantId, $Fabrikam.TenantId | Get-CustomerSupportContact).CustomerTenantId | Should -Be @($Contoso.TenantId)
        (Get-PartnerCustomer -Name Contoso | Get-CustomerSupportContact).SupportTenantId | Should -Be $PartnerTenantId
    }

    It 'has a table view that fits 120 columns' {
        $lines = (Get-CustomerSupportContact $Contoso.TenantId | Format-Table | Out-String -Width 250) -split "`r?`n" | Where-Object { $_.Trim() }
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
        $lines[0] | Should -Match 'CustomerTenantId\s+SupportTenantId\s+SupportMpnId\s+Name'
    }

    It 'fails clearly for an unknown customer and a tenant id that is not a GUID' {
        { Get-CustomerSupportContact -CustomerTenantId ([guid]::NewGuid()) -ErrorAction Stop } | Should -Throw -ErrorId "RemoteNotFound,$ErrorSuffix"
        { Get-CustomerSupportContact -CustomerTenantId 'contoso' -ErrorAction Stop } | Should -Throw -ErrorId "InvalidCustomerTenantId,$ErrorSuffix"
    }
}
