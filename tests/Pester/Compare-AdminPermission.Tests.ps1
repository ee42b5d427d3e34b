# Access templates end to end against the sandbox: applied on acceptance by Sync-ResellerInvite, drift compared and
# fixed with Compare-AdminPermission | Invoke-AdminPermissionPlan, -WhatIf, and configuration mistakes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Agents = '11111111-2222-3333-4444-555555555555'
    $script:Managers = '22222222-3333-4444-5555-666666666666'
    $script:PlanItemType = 'PartnerRelationships.Core.Templates.AccessPlanItem'

    function New-TemplateConfig([string] $Folder, [string] $Templates) {
        New-TestConfig -Folder $Folder -Extra @"
invites:
  roles: [ 'Directory Readers' ]
  duration: P180D
templates:
$Templates
"@
    }

    $script:SupportTemplate = @"
  - name: Support
    roles: [ 'Helpdesk Administrator', 'Directory Readers', 'User Administrator' ]
    duration: P180D
    autoExtend: true
    displayNamePrefix: 'SUP '
    groups:
      - id: $Agents
        name: Agents
        roles: [ 'Helpdesk Administrator', 'Directory Readers' ]
      - id: $Managers
        name: Managers
        roles: [ 'User Administrator' ]
"@

    # A customer invited with the Support template, approved, and synced (so the template is applied).
    function New-TemplatedCustomer([string] $Name) {
        $tenant = [guid]::NewGuid().ToString()
        $invite = New-ResellerInvite -Template Support -CustomerName $Name -CustomerEmail "admin@$(($Name -replace '\W', '').ToLowerInvariant()).example" -CustomerTenantId $tenant
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve" -Body @{ tenantId = $tenant; displayName = $Name }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active
        $transitions = @(Sync-ResellerInvite -Id $invite.Id)
        $null = Invoke-SandboxControl -Method Post -Path 'process'
        [pscustomobject]@{ TenantId = $tenant; Invite = $invite; Transitions = $transitions; RelationshipId = $invite.RelationshipId }
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Access templates' {
    BeforeEach {
        Disconnect-PartnerRelationship
        $script:Folder = New-TestFolder
        $script:SavedConfig = $env:PARTNERRELATIONSHIPS_CONFIG
        $env:PARTNERRELATIONSHIPS_CONFIG = New-TemplateConfig $script:Folder $SupportTemplate
        $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
    }
    AfterEach {
        Disconnect-PartnerRelationship
        $env:PARTNERRELATIONSHIPS_CONFIG = $script:SavedConfig
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'applies the template of an accepted invite with no extra command, at the sandbox and in the history' {
        $customer = New-TemplatedCustomer 'Tailspin Toys'

        $customer.Invite.Kind | Should -Be 'GranularAdmin'
        $customer.Invite.Template | Should -Be 'Support'
        $customer.Invite.RelationshipDisplayName | Should -BeLike 'SUP *'
        $customer.Transitions.Count | Should -Be 1
        "$($customer.Transitions[0].From)->$($customer.Transitions[0].To)" | Should -Be 'Pending->Accepted'
        @($customer.Transitions[0].TemplateAssignments).Count | Should -Be 2
        @($customer.Transitions[0].TemplateAssignments.GroupId) | Should -Be @($Agents, $Managers)

        $assignments = Get-Assignments $customer.RelationshipId
        $assignments.Count | Should -Be 2
        ($assignments | Where-Object { $_.accessContainer.accessContainerId -eq $Agents }).accessDetails.unifiedRoles.roleDefinitionId | Sort-Object |
            Should -Be (@($HelpdeskAdministrator, $DirectoryReaders) | Sort-Object)
        ($assignments | Where-Object { $_.accessContainer.accessContainerId -eq $Managers }).accessDetails.unifiedRoles.roleDefinitionId | Should -Be $UserAdministrator

        $notes = (Get-ResellerInvite -Id $customer.Invite.Id -IncludeHistory).History.Detail -join "`n"
        $notes | Should -Match 'template Support: group Agents'
        $notes | Should -Match 'template Support: group Managers'

        # Matching now: nothing to do.
        @(Compare-AdminPermission -Template Support -CustomerTenantId $customer.TenantId).Count | Should -Be 0
    }

    It 'does not apply the template with -SkipTemplate' {
        $tenant = [guid]::NewGuid().ToString()
        $invite = New-ResellerInvite -Template Support -CustomerName 'Skip Ltd' -CustomerEmail 'admin@skip.example' -CustomerTenantId $tenant
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve" -Body @{ tenantId = $tenant }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active

        $transition = Sync-ResellerInvite -Id $invite.Id -SkipTemplate

        $transition.To | Should -Be 'Accepted'
        $transition.TemplateAssignments | Should -BeNullOrEmpty
        (Get-Assignments $invite.RelationshipId).Count | Should -Be 0
        (Compare-AdminPermission -Template Support -CustomerTenantId $tenant).Kind | Should -Be @('Add', 'Add')
    }

    It 'rejects -Template with -Role, and an unknown template, with the Core errors' {
        { New-ResellerInvite -Template Support -Role 'Directory Readers' -CustomerName 'X' -CustomerEmail 'a@x.example' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateConflictsWithRoles,PartnerRelationships.PowerShell.Cmdlets.NewResellerInviteCommand'
        { New-ResellerInvite -Template Nope -CustomerName 'X' -CustomerEmail 'a@x.example' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateNotFound,PartnerRelationships.PowerShell.Cmdlets.NewResellerInviteCommand'
        { Compare-AdminPermission -Template Nope -CustomerTenantId ([guid]::NewGuid()) -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateNotFound,PartnerRelationships.PowerShell.Cmdlets.CompareAdminPermissionCommand'
        { New-ResellerInvite -Kind Reseller -Template Support -CustomerName 'X' -CustomerEmail 'a@x.example' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GranularOnlyParameter,PartnerRelationships.PowerShell.Cmdlets.NewResellerInviteCommand'
    }

    It 'completes template names from the configuration' {
        $line = 'New-ResellerInvite -Template Su'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('Support')
    }

    It 'plans the exact drift, -WhatIf changes nothing, and Invoke- fixes it (a deleted group stays as GroupMissing)' {
        $customer = New-TemplatedCustomer 'Drift Ltd'
        $rid = $customer.RelationshipId
        # Someone removed a role from the agents' assignment.
        $null = Set-AdminPermission -RelationshipId $rid -SecurityGroupId $Agents -Role 'Directory Readers' -Confirm:$false
        $null = Invoke-SandboxControl -Method Post -Path 'process'
        # ...and a stray group was granted something the template does not list.
        $stray = '33333333-4444-5555-6666-777777777777'
        $null = Set-AdminPermission -RelationshipId $rid -SecurityGroupId $stray -Role 'Directory Readers' -Confirm:$false
        $null = Invoke-SandboxControl -Method Post -Path 'process'

        $plan = @(Get-PartnerCustomer -TenantId $customer.TenantId | Compare-AdminPermission -Template Support)

        $plan.Count | Should -Be 2
        $plan[0].GetType().FullName | Should -Be $PlanItemType
        @($plan.Kind) | Should -Be @('Change', 'Remove')
        $plan[0].GroupId | Should -Be $Agents
        $plan[0].Description | Should -Be "Template 'Support': change the roles of group 'Agents' ($Agents) on relationship '$($customer.Invite.RelationshipDisplayName)' (Drift Ltd) from Directory Readers to Helpdesk Administrator, Directory Readers"
        $plan[1].GroupId | Should -Be $stray

        $before = (Get-Assignments $rid | ForEach-Object { "$($_.id)/$($_.'@odata.etag')/$($_.status)" }) -join ','
        $whatIf = Get-HostText { $plan | Invoke-AdminPermissionPlan -WhatIf }
        foreach ($item in $plan) { $whatIf | Should -Match ([regex]::Escape("What if: $($item.Description)")) }
        (Get-Assignments $rid | ForEach-Object { "$($_.id)/$($_.'@odata.etag')/$($_.status)" }) -join ',' | Should -Be $before

        # A group deleted in the partner tenant.
        $null = Invoke-SandboxControl -Method Post -Path "groups/$Managers/delete"
        $plan = @(Compare-AdminPermission -Template Support -CustomerTenantId $customer.TenantId)
        @($plan.Kind) | Should -Be @('Change', 'GroupMissing', 'Remove')

        $out = @($plan | Invoke-AdminPermissionPlan -Force -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue)
        $null = Invoke-SandboxControl -Method Post -Path 'process'

        $out.Count | Should -Be 1
        $out[0].GetType().FullName | Should -Be 'PartnerRelationships.Core.Remote.AccessAssignmentInfo'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'TemplateItemNotApplicable,PartnerRelationships.PowerShell.Cmdlets.InvokeAdminPermissionPlanCommand'
        "$($failures[0])" | Should -Match 'no longer exists in the partner tenant'

        @((Compare-AdminPermission -Template Support -CustomerTenantId $customer.TenantId).Kind) | Should -Be @('GroupMissing')
        (Get-Assignments $rid | Where-Object { $_.accessContainer.accessContainerId -eq $Agents }).accessDetails.unifiedRoles.roleDefinitionId | Sort-Object |
            Should -Be (@($HelpdeskAdministrator, $DirectoryReaders) | Sort-Object)
        Get-Assignments $rid | Where-Object { $_.accessContainer.accessContainerId -eq $stray } | Should -BeNullOrEmpty
    }

    It 'reports a customer without an active relationship as RelationshipCannotSatisfy' {
        $tenant = [guid]::NewGuid().ToString()
        $item = Compare-AdminPermission -Template Support -CustomerTenantId $tenant
        $item.Kind | Should -Be 'RelationshipCannotSatisfy'
        $item.CanApply | Should -BeFalse
        foreach ($width in 80, 120) {
            $lines = $item | Get-RenderedLines -Width $width
            $lines[0] | Should -Match '^Customer\s+Relationship\s+Kind\s+Group\s+Roles\s*$'
            ($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty
        }
        $item | Invoke-AdminPermissionPlan -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'TemplateItemNotApplicable,PartnerRelationships.PowerShell.Cmdlets.InvokeAdminPermissionPlanCommand'
    }
}

Describe 'Access template configuration mistakes' {
    BeforeEach { $script:Folder = New-TestFolder }
    AfterEach { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'names the template and key: <ErrorId>' -ForEach @(
        @{ ErrorId = 'TemplateRoleUnknown'; Templates = "  - name: Bad`n    roles: [ 'Coffee Maker' ]`n    groups:`n      - id: 11111111-2222-3333-4444-555555555555`n        roles: [ 'Coffee Maker' ]" }
        @{ ErrorId = 'TemplateGroupIdInvalid'; Templates = "  - name: Bad`n    roles: [ 'Directory Readers' ]`n    groups:`n      - id: not-a-guid`n        roles: [ 'Directory Readers' ]" }
        @{ ErrorId = 'TemplateGroupRoleNotRequested'; Templates = "  - name: Bad`n    roles: [ 'Directory Readers' ]`n    groups:`n      - id: 11111111-2222-3333-4444-555555555555`n        roles: [ 'User Administrator' ]" }
        @{ ErrorId = 'TemplateGlobalAdminAutoExtend'; Templates = "  - name: Bad`n    roles: [ 'Global Administrator' ]`n    autoExtend: true`n    groups:`n      - id: 11111111-2222-3333-4444-555555555555`n        roles: [ 'Global Administrator' ]" }
    ) {
        $path = New-TemplateConfig $script:Folder $Templates
        $err = $null
        try { $null = Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$err" | Should -Match "'Bad'|Bad"
        "$err" | Should -Match 'templates'
    }
}
