BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'ComplianceSeed.ps1')
    $script:SavedSecret = $env:PR_TEST_SECRET
    $env:PR_TEST_SECRET = $SandboxClientSecret
    Disconnect-PartnerRelationship
    # 60 generated customers: active, pending, expired and terminated relationships, reseller and GDAP-only customers.
    $script:Sandbox = Start-TestSandbox -Customers 60 -Seed 17
    $script:Relationships = @((Invoke-SandboxGraph -Path 'delegatedAdminRelationships?$top=300' -Sandbox $Sandbox).value)
    $script:ResellerCustomers = @((Invoke-RestMethod -Uri "$($Sandbox.Uri)v1/customers?size=500" -Headers @{ Authorization = "Bearer $($Sandbox.StaticToken)" }).items |
        Where-Object relationshipToPartner -EQ 'reseller')
    $script:ExpectedCount = $Relationships.Count + $ResellerCustomers.Count

    function New-AdoptionFolder {
        $folder = New-TestFolder
        [pscustomobject]@{ Folder = $folder; Config = New-SandboxConfig -Folder $folder -Sandbox $Sandbox }
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $Sandbox
    $env:PR_TEST_SECRET = $script:SavedSecret
}

Describe 'Import-PartnerRelationship' {
    It 'shows with -WhatIf what would be recorded, and records nothing' {
        $case = New-AdoptionFolder
        $relationship = $Relationships | Where-Object status -EQ 'active' | Select-Object -First 1
        $script = "Import-Module '$((Resolve-Path $ModuleManifest).Path)'; Import-PartnerRelationship -ConfigPath '$($case.Config)' -WhatIf"
        $env:PR_TEST_SECRET = $SandboxClientSecret
        $lines = @(Invoke-Pwsh -NoProfile -NonInteractive -Command $script)

        @($lines | Where-Object { $_ -like 'What if:*' }).Count | Should -Be $ExpectedCount
        $line = $lines | Where-Object { $_ -like "*$($relationship.id)*" }
        $line | Should -Match "as adopted, status Accepted \(created \d{4}-\d{2}-\d{2}, activated $($relationship.activatedDateTime.ToUniversalTime().ToString('yyyy-MM-dd')).*on target .GDAP relationship '$([regex]::Escape($relationship.displayName))'"
        @(Get-ResellerInvite -ConfigPath $case.Config).Count | Should -Be 0
    }

    It 'records every relationship and reseller customer as adopted, with the service''s times' {
        $case = New-AdoptionFolder
        $adopted = @(Import-PartnerRelationship -ConfigPath $case.Config -InformationVariable info)

        $adopted.Count | Should -Be $ExpectedCount
        $adopted[0].GetType().FullName | Should -Be 'PartnerRelationships.Core.Adoption.AdoptedRelationship'
        $adopted | ForEach-Object { "$($_.Outcome)" | Should -Be 'Adopted' }
        "$info" | Should -Match "Found $ExpectedCount relationship\(s\) the store had no record of; adopted $ExpectedCount\."

        $invites = @(Get-ResellerInvite -ConfigPath $case.Config)
        $invites.Count | Should -Be $ExpectedCount
        $invites | ForEach-Object { "$($_.Origin)" | Should -Be 'Adopted' }
        foreach ($r in $Relationships) {
            $invite = $invites | Where-Object RelationshipId -EQ $r.id
            $invite.CreatedAt.UtcDateTime | Should -Be $r.createdDateTime.ToUniversalTime()
            $expectedStatus = switch ($r.status) {
                'active' { 'Accepted' } { $_ -in 'created', 'approvalPending' } { 'Pending' } 'terminated' { 'Terminated' }
                'expired' { if ($r.activatedDateTime) { 'Expired' } else { 'Rejected' } }
            }
            "$($invite.Status)" | Should -Be $expectedStatus
            if ($r.status -eq 'active') { $invite.StatusChangedAt.UtcDateTime | Should -Be $r.activatedDateTime.ToUniversalTime() }
        }
        $reseller = $invites | Where-Object { "$($_.Kind)" -eq 'Reseller' }
        @($reseller).Count | Should -Be $ResellerCustomers.Count
    }

    It 'finds nothing to record when run again, and the check no longer reports unknown relationships' {
        $case = New-AdoptionFolder
        @(Test-PartnerCompliance -ConfigPath $case.Config -Rule PR007 -NoRecord).Count | Should -BeGreaterThan 0

        $null = Import-PartnerRelationship -ConfigPath $case.Config
        @(Import-PartnerRelationship -ConfigPath $case.Config -InformationVariable again).Count | Should -Be 0
        "$again" | Should -Match 'Found 0 relationship'

        @(Test-PartnerCompliance -ConfigPath $case.Config -Rule PR007, PR008 -NoRecord).Count | Should -Be 0
        @(Sync-ResellerInvite -ConfigPath $case.Config).Count | Should -Be 0
    }

    It 'adopts only the kind and customers asked for, and never an invite the store has' {
        $case = New-AdoptionFolder
        $first = $Relationships | Where-Object status -EQ 'active' | Select-Object -First 1
        $adopted = @(Import-PartnerRelationship -ConfigPath $case.Config -Kind GranularAdmin -Customer $first.customer.tenantId)
        $adopted.Count | Should -Be 1
        $adopted[0].RelationshipId | Should -Be $first.id

        $rest = @(Import-PartnerRelationship -ConfigPath $case.Config -Kind GranularAdmin -ExcludeEnded)
        $rest.RelationshipId | Should -Not -Contain $first.id
        $rest | ForEach-Object { "$($_.Status)" | Should -BeIn 'Accepted', 'Pending' }
    }

    It 'writes each record once when two workers adopt into one store at the same time' {
        $case = New-AdoptionFolder
        $module = (Resolve-Path $ModuleManifest).Path
        $env:PR_TEST_SECRET = $SandboxClientSecret
        # Two processes, as two runbook workers: each prints how many records it wrote itself.
        $workers = 1..2 | ForEach-Object {
            $start = [System.Diagnostics.ProcessStartInfo]::new($PwshCommand[0])
            foreach ($argument in @($PwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command',
                    "Import-Module '$module'; @(Import-PartnerRelationship -ConfigPath '$($case.Config)' | Where-Object Outcome -EQ Adopted).Count")) {
                $start.ArgumentList.Add($argument)
            }
            $start.RedirectStandardOutput = $true
            $start.UseShellExecute = $false
            [System.Diagnostics.Process]::Start($start)
        }
        $counts = foreach ($worker in $workers) {
            $output = $worker.StandardOutput.ReadToEnd()
            $worker.WaitForExit()
            $worker.ExitCode | Should -Be 0
            [int] ($output.Trim() -split "`n")[-1]
        }

        ($counts | Measure-Object -Sum).Sum | Should -Be $ExpectedCount
        @(Get-ResellerInvite -ConfigPath $case.Config).Count | Should -Be $ExpectedCount
    }
}
