# Bulk changes over 200 customers (seeded quickly from a seed file): auto-extend on and off, Global Administrator removal.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:GlobalAdministrator = '62e90394-69f5-4237-9190-012177145e10'
    $script:CommandId = 'PartnerRelationships.PowerShell.Cmdlets.SetGranularRelationshipCommand'
    $script:SeedFolder = New-TestFolder

    # 200 customers, each with one active relationship: odd ones also hold Global Administrator, every 50th only that role.
    $script:Tenants = 1..200 | ForEach-Object { '{0:x8}-0000-4000-8000-{1:x12}' -f 0xbb, $_ }
    $seed = @{
        customers = @(1..200 | ForEach-Object {
                $roles = if ($_ % 50 -eq 0) { @($GlobalAdministrator) } elseif ($_ % 2) { @($DirectoryReaders, $GlobalAdministrator) } else { @($DirectoryReaders) }
                @{ tenantId = $Tenants[$_ - 1]; displayName = "Bulk $_"; relationships = @(@{ displayName = "GDAP Bulk $_"; roles = [string[]] $roles; duration = 'P730D'; autoExtendDuration = 'PT0S' }) }
            })
    }
    $seedFile = Join-Path $SeedFolder 'bulk-seed.json'
    $seed | ConvertTo-Json -Depth 10 | Set-Content -Path $seedFile -Encoding utf8NoBOM
    # Removing Global Administrator is a 202 operation the client waits for (Retry-After, at least 1 s), one customer
    # after another: with the sandbox's 5 s operations 100 removals would take minutes, so its work is done at once.
    $script:Sandbox = Start-TestSandbox -SeedFile $seedFile -PendingWorkSeconds 0
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox

    # Every relationship, following the service's pages.
    function Get-Relationships {
        $page = Invoke-SandboxGraph -Path 'delegatedAdminRelationships'
        $page.value
        while ($page.'@odata.nextLink') {
            $page = Invoke-RestMethod -Uri $page.'@odata.nextLink' -Headers @{ Authorization = "Bearer $($Sandbox.StaticToken)" } -ErrorAction Stop
            $page.value
        }
    }
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
    Remove-Item $script:SeedFolder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Set-GranularRelationship' {
    It 'needs something to change' {
        { Set-GranularRelationship -CustomerTenantId $Tenants[0] -ErrorAction Stop } | Should -Throw -ErrorId "GranularRelationshipNoChange,$CommandId"
    }

    It '-WhatIf changes nothing' {
        $before = (Get-Relationships | ForEach-Object { "$($_.id)/$($_.'@odata.etag')" }) -join ','
        $Tenants | Set-GranularRelationship -AutoExtend $false -RemoveGlobalAdministrator -WhatIf -ErrorAction SilentlyContinue
        (Get-Relationships | ForEach-Object { "$($_.id)/$($_.'@odata.etag')" }) -join ',' | Should -Be $before
    }

    It 'refuses auto-extend where Global Administrator is held, turns it on elsewhere, with progress' {
        $run = Invoke-CapturingProgress -Sandbox $Sandbox "`$tenants = '$($Tenants -join "','")'.Split(','); `$tenants | Set-GranularRelationship -AutoExtend `$true -Confirm:`$false"

        # Even customers (except every 50th, which hold Global Administrator only) change; odd ones and every 50th are refused.
        $run.Output.Count | Should -Be 96
        $run.Output[0].GetType().FullName | Should -Be 'PartnerRelationships.Core.Remote.DelegatedAdminRelationshipInfo'
        @($run.Output | Where-Object { $_.AutoExtendDuration -eq [TimeSpan]::FromDays(180) }).Count | Should -Be 96
        $run.Errors.Count | Should -Be 104
        @($run.Errors.FullyQualifiedErrorId | Sort-Object -Unique) | Should -Be @("AutoExtendWithGlobalAdministrator,$CommandId")
        "$($run.Errors[0])" | Should -Match 'Global Administrator'
        $run.Progress.Count | Should -BeGreaterOrEqual 200
        ($run.Progress | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
        ($run.Progress | Where-Object PercentComplete -eq 50).Count | Should -BeGreaterOrEqual 1
    }

    It 'skips relationships already as asked (verbose only)' {
        $out = Set-GranularRelationship -CustomerTenantId $Tenants[1] -AutoExtend $true -Confirm:$false -Verbose 4>&1
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Auto-extend is already on for relationship 'GDAP Bulk 2' (Bulk 2)"
    }

    It 'removes Global Administrator, then turns auto-extend on, in one run over all customers' {
        $run = Invoke-CapturingProgress -Sandbox $Sandbox "`$tenants = '$($Tenants -join "','")'.Split(','); `$tenants | Set-GranularRelationship -RemoveGlobalAdministrator -AutoExtend `$true -Confirm:`$false"

        # 100 odd customers lose Global Administrator and then get auto-extend; the 4 holding only that role are refused.
        $run.Errors.Count | Should -Be 8   # each of the 4: GA removal refused, then auto-extend refused
        @($run.Errors.FullyQualifiedErrorId | Sort-Object -Unique) | Should -Be @("AutoExtendWithGlobalAdministrator,$CommandId", "GlobalAdministratorNeedsNewRelationship,$CommandId")
        $null = Invoke-SandboxControl -Method Post -Path 'process'
        $relationships = @(Get-Relationships)
        $relationships.Count | Should -Be 200
        @($relationships | Where-Object { $_.accessDetails.unifiedRoles.roleDefinitionId -contains $GlobalAdministrator }).Count | Should -Be 4
        @($relationships | Where-Object { $_.autoExtendDuration -eq 'P180D' }).Count | Should -Be 196
    }

    It 'turns auto-extend off' {
        $changed = @($Tenants[0..9] | Set-GranularRelationship -AutoExtend $false -Confirm:$false)
        $changed.Count | Should -Be 10
        @($changed | Where-Object { $_.AutoExtendDuration -eq [TimeSpan]::Zero }).Count | Should -Be 10
    }
}
