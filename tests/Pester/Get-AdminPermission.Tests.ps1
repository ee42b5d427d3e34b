BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
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

    It 'has a table view for 80 and 120 columns: customer, status, state and roles, no ids' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $permissions = @(Get-AdminPermission -CustomerTenantId $Contoso.TenantId)
        $lines = $permissions | Get-RenderedLines -Width $Width
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $Width
        $lines[0] | Should -Match '^Customer\s+Status\s+State\s+Roles\s*$'
        # Status capitalised like every status; State says whether the roles shown are in force yet.
        $lines[2] | Should -Match "^Contoso\b.*\b(Active|Pending)\s+$([regex]::Escape($permissions[0].State))\s+Helpdesk Administrator"
        ($lines -join "`n") | Should -Not -Match $GuidPattern
        $list = $permissions | Format-List | Out-String -Width $Width
        $list | Should -Match 'SecurityGroupId\s+: [0-9a-f-]{36}'
        $list | Should -Match "State\s+: $([regex]::Escape($permissions[0].State))"
    }

    It 'exports to CSV with the roles as text, not a type name' {
        $csv = Join-Path $TestDrive 'permissions.csv'
        Get-AdminPermission -CustomerTenantId $Contoso.TenantId | Export-Csv $csv
        $text = Get-Content $csv -Raw
        $text | Should -Not -Match 'System\.Collections'
        (Import-Csv $csv)[0].Roles | Should -Match '^Helpdesk Administrator(; [A-Z][\w ]+)*$'
    }

    It 'fails per item for a bad tenant id and an unknown relationship' {
        $results = @('nope', $Contoso.TenantId | Get-AdminPermission -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCustomerTenantId,$ErrorSuffix"
        { Get-AdminPermission -RelationshipId 'no-such-relationship' -ErrorAction Stop } | Should -Throw -ErrorId "RemoteNotFound,$ErrorSuffix"
    }
}
