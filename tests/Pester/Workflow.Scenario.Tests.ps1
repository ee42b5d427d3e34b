# The seed page's story end to end, as an admin would run it: invite by both kinds, the customers accept, sync records it,
# admin permissions are set, a customer removes the partner's admin rights, sync records that too, the relationship ends.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
    $script:Folder = New-TestFolder
    $script:Config = New-SandboxConfig -Folder $script:Folder -SecretVariable PR_SCENARIO_SECRET -Sandbox $script:Sandbox
    $env:PR_SCENARIO_SECRET = $script:Sandbox.ClientSecret
    $env:PARTNERRELATIONSHIPS_CONFIG = $script:Config
    $script:Group = '5f0c2a3b-1d2e-4f5a-8b7c-9d0e1f2a3b4c'
}

AfterAll {
    $env:PARTNERRELATIONSHIPS_CONFIG = $null
    $env:PR_SCENARIO_SECRET = $null
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The partner''s workflow' {
    It 'runs from invitation to the end of the relationship' {
        # Invite by both kinds.
        $reseller = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.example'
        $granular = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Fabrikam' -CustomerEmail 'it@fabrikam.example' `
            -Role 'Helpdesk Administrator', 'User Administrator' -Duration P180D
        $reseller.Status | Should -Be 'Pending'
        $granular.Status | Should -Be 'Pending'
        $granular.Link | Should -Match "granularAdminRelationships/$([regex]::Escape($granular.RelationshipId))"

        # The customers accept (acting as them in the sandbox).
        $null = Invoke-SandboxControl -Method Post -Path 'customers/accept-reseller' -Body @{ displayName = 'Contoso'; domain = 'contoso.example' }
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($granular.RelationshipId)/approve" -Body @{ displayName = 'Fabrikam' }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active

        # Sync reports both acceptances with their time, and records them.
        $accepted = @(Sync-ResellerInvite)
        $accepted.Count | Should -Be 2
        foreach ($change in $accepted) {
            $change.From | Should -Be 'Pending'
            $change.To | Should -Be 'Accepted'
            $change.At | Should -BeOfType [DateTimeOffset]
        }
        (Get-ResellerInvite -Id $reseller.Id).Status | Should -Be 'Accepted'
        (Get-ResellerInvite -Id $granular.Id).Status | Should -Be 'Accepted'
        @(Sync-ResellerInvite).Count | Should -Be 0

        # Admin permissions on the active relationship.
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'
        $fabrikam | Set-AdminPermission -SecurityGroupId $script:Group -Role 'Helpdesk Administrator' -Confirm:$false
        $permission = @($fabrikam | Get-AdminPermission)
        $permission.Count | Should -Be 1
        $permission[0].SecurityGroupId | Should -Be $script:Group

        # Contoso removes the partner's admin rights; sync records it.
        $contoso = Get-PartnerCustomer -Name 'Contoso'
        $null = Invoke-SandboxControl -Method Post -Path "customers/$($contoso.TenantId)/remove-admin" -Body @{ terminateGdap = $false }
        $removed = @(Sync-ResellerInvite)
        $removed.Count | Should -Be 1
        $removed[0].InviteId | Should -Be $reseller.Id
        $removed[0].To | Should -Be 'AdminRemoved'
        (Get-ResellerInvite -Id $reseller.Id -IncludeHistory).History.ToStatus | Should -Be @('Pending', 'Accepted', 'AdminRemoved')

        # The partner ends the granular relationship; the removal is recorded and the support reminder shown.
        $result = $fabrikam | Remove-CustomerRelationship -Granular -Confirm:$false -WarningVariable warnings 3>$null
        $result | Should -Not -BeNullOrEmpty
        ($warnings -join ' ') | Should -Match 'Cloud Reseller Agreement'
        (Get-ResellerInvite -Id $granular.Id).Status | Should -Be 'Terminated'
    }
}
