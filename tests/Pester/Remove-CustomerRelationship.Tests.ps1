BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:StorePath = Join-Path $Folder 'store.db'
    $script:ResultType = 'PartnerRelationships.Core.Workflow.RelationshipRemovalResult'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.RemoveCustomerRelationshipCommand'

    # A reseller invite for the customer, accepted as a sync would record it.
    function New-AcceptedInvite($Customer) {
        $invite = New-ResellerInvite -CustomerName $Customer.Name -CustomerEmail 'admin@customer.example' -CustomerTenantId $Customer.TenantId
        Set-TestInviteStatus -InviteId $invite.Id -From Pending -To Accepted -StorePath $script:StorePath
        $invite.Id
    }
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Remove-CustomerRelationship' {
    It 'is ConfirmImpact High and supports -WhatIf and -Confirm' {
        $command = Get-Command Remove-CustomerRelationship
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'terminates the granular relationships by default, keeps the reseller relationship and warns about support' {
        $c = New-TestCustomer -Name 'Contoso Granular'
        $result = Remove-CustomerRelationship -CustomerTenantId $c.TenantId -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $result.GetType().FullName | Should -Be $ResultType
        $result.TerminatedRelationshipIds | Should -Be @($c.RelationshipId)
        $result.ResellerRelationshipRemoved | Should -BeFalse
        $result.CustomerName | Should -Be 'Contoso Granular'
        $null = Invoke-SandboxControl -Method Post -Path 'process' # the request starts created; the service moves the relationship afterwards
        (Get-SandboxRelationship $c.RelationshipId).status | Should -BeIn @('terminationRequested', 'terminating', 'terminated')
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'Contoso Granular: Until you renegotiate your agreement with the customer, you remain responsible for providing customer support'
        "$($warnings[0])" | Should -Match 'Cloud Reseller Agreement'
        (Get-PartnerCustomer -TenantId $c.TenantId).IsReseller | Should -BeTrue
        foreach ($width in 80, 120) {
            $lines = $result | Get-RenderedLines -Width $width
            $lines[0] | Should -Match '^Customer\s+GdapEnded\s+ResellerRemoved\s+InvitesRecorded\s*$'
            $lines[2] | Should -Match '^Contoso Granular\s+1\s+False\s+0'
            ($lines -join "`n") | Should -Not -Match $GuidPattern
            ($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty
        }
        ($result | Format-List | Out-String) | Should -Match ('CustomerTenantId\s+: ' + [regex]::Escape($c.TenantId))
    }

    It 'shows progress while the service takes the terminate request on, then records the granular invite Terminated' {
        $tenant = [guid]::NewGuid().ToString()
        $invite = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso Recorded' -CustomerEmail 'admin@recorded.example' -CustomerTenantId $tenant -Role 'Helpdesk Administrator'
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve" -Body @{ tenantId = $tenant; displayName = 'Contoso Recorded' }
        $null = Invoke-SandboxControl -Method Post -Path 'process'
        "$((Sync-ResellerInvite | Where-Object InviteId -EQ $invite.Id).To)" | Should -Be 'Accepted'

        # The sandbox takes a terminate request on a third of its 5 s later: the command reads the relationship back
        # each second until then (delegatedadminrelationship-post-requests: the request starts created).
        $run = Invoke-CapturingProgress -Sandbox $Sandbox "Remove-CustomerRelationship -CustomerTenantId '$tenant' -Confirm:`$false"

        $run.Errors | Should -BeNullOrEmpty
        $result = $run.Output | Select-Object -Last 1
        $result.TerminationUnconfirmedRelationshipIds | Should -BeNullOrEmpty
        "$($result.InviteTransitions[0].To)" | Should -Be 'Terminated'
        $result.InviteTransitions[0].Detail | Should -Be 'partner terminated the relationship (service: terminationRequested)'
        "$((Get-ResellerInvite -Id $invite.Id).Status)" | Should -Be 'Terminated'
        $waiting = @($run.Progress | Where-Object Activity -EQ 'Ending customer relationships')
        $waiting[0].StatusDescription | Should -Be '1 of 1 not yet ending at the service'
        $waiting[-1].RecordType | Should -Be 'Completed'
        @($run.Warnings | Where-Object { "$_" -match 'had not started ending it' }).Count | Should -Be 0
        ($result | Format-List | Out-String) | Should -Match 'GdapNotYetEnding\s*:\s*\r?\n'
    }

    It 'removes the reseller relationship with -Reseller and records the invite as Terminated' {
        $c = New-TestCustomer -Name 'Contoso Reseller' -Relationship None
        $inviteId = New-AcceptedInvite $c
        $result = Remove-CustomerRelationship -CustomerTenantId $c.TenantId -Reseller -Confirm:$false -WarningAction SilentlyContinue
        $result.ResellerRelationshipRemoved | Should -BeTrue
        $result.TerminatedRelationshipIds | Should -BeNullOrEmpty
        $result.InviteTransitions.Count | Should -Be 1
        $result.InviteTransitions[0].InviteId | Should -Be $inviteId
        "$($result.InviteTransitions[0].To)" | Should -Be 'Terminated'
        $recorded = Get-ResellerInvite -Id $inviteId
        "$($recorded.Status)" | Should -Be 'Terminated'
        $customer = Get-PartnerCustomer -TenantId $c.TenantId
        $customer.IsReseller | Should -BeFalse
        $customer.AdminPermission | Should -Be 'Removed'
    }

    It 'ends both with -Granular -Reseller' {
        $c = New-TestCustomer -Name 'Contoso Both'
        $result = Remove-CustomerRelationship $c.TenantId -Granular -Reseller -Confirm:$false -WarningAction SilentlyContinue
        $result.TerminatedRelationshipIds | Should -Be @($c.RelationshipId)
        $result.ResellerRelationshipRemoved | Should -BeTrue
    }

    It '-WhatIf describes the removal and changes nothing remotely or in the store' {
        $c = New-TestCustomer -Name 'Contoso WhatIf'
        $inviteId = New-AcceptedInvite $c
        $text = Get-HostText { Remove-CustomerRelationship -CustomerTenantId $c.TenantId -Granular -Reseller -WhatIf }
        $text | Should -Match "What if: For customer Contoso WhatIf: terminate granular relationship\(s\) 'GDAP Contoso WhatIf \w+' and remove the reseller relationship"
        (Get-SandboxRelationship $c.RelationshipId).status | Should -Be 'active'
        (Get-PartnerCustomer -TenantId $c.TenantId).IsReseller | Should -BeTrue
        "$((Get-ResellerInvite -Id $inviteId).Status)" | Should -Be 'Accepted'
    }

    It 'binds customers from Get-PartnerCustomer (Get-PartnerCustomer -Name Contoso | Remove-CustomerRelationship -WhatIf)' {
        $c = New-TestCustomer -Name 'Contoso'
        $text = Get-HostText { Get-PartnerCustomer -Name Contoso | Remove-CustomerRelationship -WhatIf }
        $text | Should -Match "What if: For customer Contoso: terminate granular relationship\(s\) 'GDAP Contoso \w+'"
        (Get-SandboxRelationship $c.RelationshipId).status | Should -Be 'active'
    }

    It 'fails clearly while the customer has active subscriptions, after ending the granular relationships' {
        $c = New-TestCustomer -Name 'Contoso Subscribed' -HasActiveSubscriptions
        $err = { Remove-CustomerRelationship -CustomerTenantId $c.TenantId -Granular -Reseller -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "ActiveSubscriptionsBlockRemoval,$ErrorSuffix" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'Cancel or transfer those subscriptions'
        $err.Exception.Message | Should -Match 'The 1 granular relationship\(s\) were terminated'
        $null = Invoke-SandboxControl -Method Post -Path 'process' # the request starts created; the service moves the relationship afterwards
        (Get-SandboxRelationship $c.RelationshipId).status | Should -BeIn @('terminationRequested', 'terminating', 'terminated')
        (Get-PartnerCustomer -TenantId $c.TenantId).IsReseller | Should -BeTrue
    }

    It '-WhatIf on a customer with only a reseller relationship names the customer and says to add -Reseller' {
        $only = New-TestCustomer -Name 'Contoso Reseller Only' -Relationship None
        $err = { Get-PartnerCustomer -Name 'Contoso Reseller Only' | Remove-CustomerRelationship -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId "NothingToRemove,$ErrorSuffix" -PassThru
        "$err" | Should -Be 'Contoso Reseller Only has no active granular relationship; add -Reseller to remove the reseller relationship.'
        "$err" | Should -Not -Match ([regex]::Escape($only.TenantId))
    }

    It 'says when there is nothing to remove, and goes on with the next customer' {
        $nothing = New-TestCustomer -Name 'Litware Nothing' -Relationship Pending
        $ok = New-TestCustomer -Name 'Contoso Next'
        $results = @($nothing, $ok | Remove-CustomerRelationship -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        $results.CustomerTenantId | Should -Be @($ok.TenantId)
        $failures.FullyQualifiedErrorId | Should -Be @("NothingToRemove,$ErrorSuffix")
        $failures[0].Exception.Message | Should -Match 'await approval'
        @($warnings).Count | Should -Be 1   # one support warning, for the one removal
        "$($warnings[0])" | Should -Match '^Contoso Next: .*Cloud Reseller Agreement'
    }

    It 'names relationships awaiting approval, which a partner can''t end, and terminates the active ones' {
        $c = New-TestCustomer -Name 'Contoso Mixed'
        $pendingId = New-PendingRelationship $c
        $result = Remove-CustomerRelationship -CustomerTenantId $c.TenantId -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $result.TerminatedRelationshipIds | Should -Be @($c.RelationshipId)
        (Get-SandboxRelationship $pendingId).status | Should -Be 'approvalPending'
        @($warnings | Where-Object { "$_" -match "The relationship 'GDAP Contoso Mixed pending \w+' awaits the customer's approval" }).Count | Should -Be 1
        @($warnings | Where-Object { "$_" -match 'Cloud Reseller Agreement' }).Count | Should -Be 1
    }

    It 'refuses a tenant id that is not a GUID' {
        { Remove-CustomerRelationship -CustomerTenantId 'contoso.com' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "InvalidCustomerTenantId,$ErrorSuffix"
    }
}
