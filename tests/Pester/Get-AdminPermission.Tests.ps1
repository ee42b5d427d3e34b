BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'Sandbox.ps1')
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:PermissionType = 'PartnerRelationships.Core.Workflow.AdminPermission'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.GetAdminPermissionCommand'
    $script:Group = '0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b'

    $script:Contoso = New-TestCustomer -Name 'Contoso'
    $script:Fabrikam = New-TestCustomer -Name 'Fabrikam'
    $script:Pending = New-TestCustomer -Name 'Pending Ltd' -Relationship Pending
    Set-AdminPermission -CustomerTenantId $Contoso.TenantId -SecurityGroupId $Group -Role 'Helpdesk Administrator' -Confirm:$false
    Set-AdminPermission -CustomerTenantId $Fabrikam.TenantId -SecurityGroupId $Group -Role 'Directory Readers' -Confirm:$false
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Get-AdminPermission' {
    It 'lists a customer''s access assignments' {
        $permission = @(Get-AdminPermission -CustomerTenantId $Contoso.TenantId)
        $permission.Count | Should -Be 1
        $permission[0].GetType().FullName | Should -Be $PermissionType
        $permission[0].SecurityGroupId | Should -Be $Group
        $permission[0].Roles | Should -Be @('Helpdesk Administrator')
        $permission[0].RelationshipId | Should -Be $Contoso.RelationshipId
        $permission[0].CustomerTenantId | Should -Be $Contoso.TenantId
        $permission[0].CustomerName | Should -Be 'Contoso'
        $permission[0].ETag | Should -Not -BeNullOrEmpty
        $permission[0].AssignmentId | Should -Be (Get-SandboxAssignment $Contoso.RelationshipId)[0].id
    }

    It 'lists one relationship''s assignments by -RelationshipId and by property name' {
        (Get-AdminPermission -RelationshipId $Fabrikam.RelationshipId).Roles | Should -Be @('Directory Readers')
        ([pscustomobject]@{ RelationshipId = $Fabrikam.RelationshipId } | Get-AdminPermission).Roles | Should -Be @('Directory Readers')
    }

    It 'takes customers from the pipeline, by value and from Get-PartnerCustomer' {
        @($Contoso.TenantId, $Fabrikam.TenantId | Get-AdminPermission).CustomerName | Should -Be @('Contoso', 'Fabrikam')
        @(Get-PartnerCustomer -Name 'Fabrikam' | Get-AdminPermission).Roles | Should -Be @('Directory Readers')
    }

    It 'writes nothing for a customer whose relationship is not active yet' {
        Get-AdminPermission -CustomerTenantId $Pending.TenantId | Should -BeNullOrEmpty
    }

    It 'has a table view that fits 120 columns' {
        $lines = (Get-AdminPermission -CustomerTenantId $Contoso.TenantId | Format-Table | Out-String -Width 250) -split "`r?`n" | Where-Object { $_.Trim() }
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
        $lines[0] | Should -Match 'Customer\s+Relationship\s+SecurityGroupId\s+Status\s+Roles'
    }

    It 'fails per item for a bad tenant id and an unknown relationship' {
        $results = @('nope', $Contoso.TenantId | Get-AdminPermission -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCustomerTenantId,$ErrorSuffix"
        { Get-AdminPermission -RelationshipId 'no-such-relationship' -ErrorAction Stop } | Should -Throw -ErrorId "RemoteNotFound,$ErrorSuffix"
    }
}
