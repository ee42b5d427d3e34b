BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:PermissionType = 'PartnerRelationships.Core.Workflow.AdminPermission'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.SetAdminPermissionCommand'
    $script:Group = '0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b'
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Set-AdminPermission' {
    It 'creates the group''s assignment at a customer, then updates its roles keeping the assignment' {
        $c = New-TestCustomer -Name 'Contoso Create'
        $created = @(Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Helpdesk Administrator' -Confirm:$false -PassThru)
        $created.Count | Should -Be 1
        $created[0].GetType().FullName | Should -Be $PermissionType
        $created[0].Roles | Should -Be @('Helpdesk Administrator')
        $inSandbox = Get-SandboxAssignment $c.RelationshipId
        $inSandbox.Count | Should -Be 1
        $inSandbox[0].accessContainer.accessContainerId | Should -Be $Group
        $inSandbox[0].accessDetails.unifiedRoles.roleDefinitionId | Should -Be @($HelpdeskAdministrator)

        $updated = Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Helpdesk Administrator', 'Directory Readers' -Confirm:$false -PassThru
        $updated.AssignmentId | Should -Be $created[0].AssignmentId
        (Get-SandboxAssignment $c.RelationshipId)[0].accessDetails.unifiedRoles.roleDefinitionId | Sort-Object | Should -Be (@($HelpdeskAdministrator, $DirectoryReaders) | Sort-Object)
    }

    It 'writes nothing without -PassThru and leaves an unchanged assignment alone' {
        $c = New-TestCustomer -Name 'Contoso Same'
        Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Directory Readers' -Confirm:$false | Should -BeNullOrEmpty
        $before = (Get-SandboxAssignment $c.RelationshipId)[0]
        $same = Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Directory Readers' -Confirm:$false -PassThru -Verbose 4>&1
        ($same | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Group $Group already has exactly Directory Readers on relationship '$((Get-SandboxRelationship $c.RelationshipId).displayName)' (Contoso Same); nothing to change"
        (Get-SandboxAssignment $c.RelationshipId)[0].'@odata.etag' | Should -Be $before.'@odata.etag'
    }

    It 'sets by -RelationshipId' {
        $c = New-TestCustomer -Name 'Contoso ById' -Roles $UserAdministrator, $HelpdeskAdministrator
        (Set-AdminPermission -RelationshipId $c.RelationshipId -SecurityGroupId $Group -Role $UserAdministrator -Confirm:$false -PassThru).Roles | Should -Be @('User Administrator')
    }

    It '-WhatIf describes each change and creates no assignment' {
        $c = New-TestCustomer -Name 'Contoso WhatIf'
        $before = (Invoke-SandboxControl -Path 'state').accessAssignments
        $text = Get-HostText { Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Helpdesk Administrator' -WhatIf -PassThru }
        $text | Should -Match "What if: Assign Helpdesk Administrator to group $Group on relationship 'GDAP Contoso WhatIf \w+' \(Contoso WhatIf\)"
        Get-SandboxAssignment $c.RelationshipId | Should -BeNullOrEmpty
        (Invoke-SandboxControl -Path 'state').accessAssignments | Should -Be $before
    }

    It 'takes customers from Get-PartnerCustomer' {
        $a = New-TestCustomer -Name 'Piped Alpha'
        $b = New-TestCustomer -Name 'Piped Beta'
        $result = @(Get-PartnerCustomer -Name 'Piped*' | Set-AdminPermission -SecurityGroupId $Group -Role 'Helpdesk Administrator' -Confirm:$false -PassThru)
        $result.CustomerTenantId | Sort-Object | Should -Be (@($a.TenantId, $b.TenantId) | Sort-Object)
        (Get-SandboxAssignment $a.RelationshipId).Count | Should -Be 1
        (Get-SandboxAssignment $b.RelationshipId).Count | Should -Be 1
    }

    It 'updates what Get-AdminPermission read, and refuses when it changed since (ETag)' {
        $c = New-TestCustomer -Name 'Contoso ETag'
        Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Helpdesk Administrator' -Confirm:$false
        $read = Get-AdminPermission -CustomerTenantId $c.TenantId
        ($read | Set-AdminPermission -Role 'Directory Readers' -Confirm:$false -PassThru).Roles | Should -Be @('Directory Readers')
        { $read | Set-AdminPermission -Role 'Helpdesk Administrator' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "RemotePreconditionFailed,$ErrorSuffix"
        (Get-SandboxAssignment $c.RelationshipId)[0].accessDetails.unifiedRoles.roleDefinitionId | Should -Be @($DirectoryReaders)
    }

    It 'fails clearly when the relationship is not active' {
        $c = New-TestCustomer -Name 'Pending Ltd' -Relationship Pending
        $err = { Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Helpdesk Administrator' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "RelationshipNotActive,$ErrorSuffix" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'Wait until the customer approves'
        { Set-AdminPermission -RelationshipId $c.RelationshipId -SecurityGroupId $Group -Role 'Helpdesk Administrator' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "RelationshipNotActive,$ErrorSuffix"
    }

    It 'refuses roles outside the relationship, unknown roles and a group id that is not a GUID' {
        $c = New-TestCustomer -Name 'Contoso Roles'
        { Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'User Administrator' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "RoleNotInRelationship,$ErrorSuffix"
        { Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId $Group -Role 'Helpdesk Admin' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "UnknownRole,$ErrorSuffix"
        { Set-AdminPermission -CustomerTenantId $c.TenantId -SecurityGroupId 'support-team' -Role 'Helpdesk Administrator' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidSecurityGroupId,$ErrorSuffix"
        Get-SandboxAssignment $c.RelationshipId | Should -BeNullOrEmpty
    }

    It 'goes on with the next customer after one fails' {
        $pending = New-TestCustomer -Name 'Pending Two' -Relationship Pending
        $ok = New-TestCustomer -Name 'Contoso After'
        $result = @($pending.TenantId, $ok.TenantId | Set-AdminPermission -SecurityGroupId $Group -Role 'Helpdesk Administrator' -Confirm:$false -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.CustomerTenantId | Should -Be @($ok.TenantId)
        $failures.FullyQualifiedErrorId | Should -Be @("RelationshipNotActive,$ErrorSuffix")
    }

    It 'completes role names from the catalog' {
        $completion = TabExpansion2 -inputScript 'Set-AdminPermission -Role Helpdesk' -cursorColumn 'Set-AdminPermission -Role Helpdesk'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain "'Helpdesk Administrator'"
        $completion = TabExpansion2 -inputScript 'Set-AdminPermission -Role *Reader' -cursorColumn 'Set-AdminPermission -Role *Reader'.Length
        $completion.CompletionMatches.ListItemText | Should -Contain 'Security Reader'
        $completion.CompletionMatches.ListItemText | Should -Not -Contain 'Helpdesk Administrator'
    }
}
