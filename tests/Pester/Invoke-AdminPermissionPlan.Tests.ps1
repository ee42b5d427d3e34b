# Invoke-AdminPermissionPlan on its own: adds and removes from piped plan items, -Confirm:$false for the high-impact removal.
# (The drift/-WhatIf/GroupMissing scenario with templates applied on acceptance is in Compare-AdminPermission.Tests.ps1.)
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Agents = '11111111-2222-3333-4444-555555555555'
    $script:Stray = '33333333-4444-5555-6666-777777777777'
    $script:Folder = New-TestFolder
    $script:SavedConfig = $env:PARTNERRELATIONSHIPS_CONFIG
    $env:PARTNERRELATIONSHIPS_CONFIG = New-TestConfig -Folder $Folder -Extra @"
templates:
  - name: Readers
    roles: [ 'Directory Readers' ]
    groups:
      - id: $Agents
        roles: [ 'Directory Readers' ]
"@
    $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
}

AfterAll {
    Disconnect-PartnerRelationship
    $env:PARTNERRELATIONSHIPS_CONFIG = $script:SavedConfig
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestSandbox $script:Sandbox
}

Describe 'Invoke-AdminPermissionPlan' {
    It 'adds the missing assignment and removes the stray one, then nothing is left to do' {
        $c = New-TestCustomer -Name 'Plan Co'
        $null = Set-AdminPermission -RelationshipId $c.RelationshipId -SecurityGroupId $Stray -Role 'Helpdesk Administrator' -Confirm:$false
        $null = Invoke-SandboxControl -Method Post -Path 'process'

        $plan = @(Compare-AdminPermission -Template Readers -CustomerTenantId $c.TenantId)
        @($plan.Kind) | Should -Be @('Add', 'Remove')

        $out = @($plan | Invoke-AdminPermissionPlan -Confirm:$false -PassThru)
        $null = Invoke-SandboxControl -Method Post -Path 'process'

        $out.Count | Should -Be 1
        $out[0].SecurityGroupId | Should -Be $Agents
        $shown = $out[0] | Out-String -Width 80
        $shown | Should -Match 'Status\s+: (Pending|Active)\b'   # capitalised like every status the module shows
        $shown | Should -Match 'Created\s+: \d{4}-\d\d-\d\d \d\d:\d\d'
        ($out[0] | ConvertTo-Csv | ConvertFrom-Csv).Roles | Should -Not -Match 'System\.'
        $assignments = Get-Assignments $c.RelationshipId
        @($assignments.accessContainer.accessContainerId) | Should -Be @($Agents)
        @(Compare-AdminPermission -Template Readers -CustomerTenantId $c.TenantId).Count | Should -Be 0
    }

    It 'fails an item whose assignment changed since planning (stale ETag) and goes on with the next' {
        $c = New-TestCustomer -Name 'Stale Co'
        $null = Set-AdminPermission -RelationshipId $c.RelationshipId -SecurityGroupId $Agents -Role 'Helpdesk Administrator' -Confirm:$false
        $null = Invoke-SandboxControl -Method Post -Path 'process'
        $plan = @(Compare-AdminPermission -Template Readers -CustomerTenantId $c.TenantId)
        $plan.Kind | Should -Be 'Change'
        # Changed by someone else after planning.
        $null = Set-AdminPermission -RelationshipId $c.RelationshipId -SecurityGroupId $Agents -Role 'Helpdesk Administrator', 'Directory Readers' -Confirm:$false
        $null = Invoke-SandboxControl -Method Post -Path 'process'

        $plan | Invoke-AdminPermissionPlan -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike '*,PartnerRelationships.PowerShell.Cmdlets.InvokeAdminPermissionPlanCommand'
    }
}
