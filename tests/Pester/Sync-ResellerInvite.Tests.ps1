BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:CommandId = 'PartnerRelationships.PowerShell.Cmdlets.SyncResellerInviteCommand'
    $script:TransitionType = 'PartnerRelationships.Core.Workflow.InviteTransition'

    # A runbook's configuration with granular invite defaults.
    function New-RunbookConfig([string] $Folder) {
        New-SandboxConfig -Folder $Folder -Extra "invites:`n  roles: [ 'Helpdesk Administrator', 'Directory Readers' ]`n  duration: P180D" -Sandbox $Sandbox
    }

    function New-GranularInvite([string] $Name) {
        New-ResellerInvite -Kind GranularAdmin -CustomerName $Name -CustomerEmail "admin@$($Name.ToLowerInvariant() -replace '\W', '').example" -ConfigPath $script:Config
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Sync-ResellerInvite' {
    BeforeEach {
        Disconnect-PartnerRelationship
        $script:Folder = New-TestFolder
        $script:Config = New-RunbookConfig $script:Folder
        $env:PR_TEST_SECRET = $Sandbox.ClientSecret
    }
    AfterEach {
        Disconnect-PartnerRelationship
        $env:PR_TEST_SECRET = $null
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'reports an invite it could not check as its own error and still syncs the others' {
        $granular = New-GranularInvite 'Partly Granular'
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($granular.RelationshipId)/approve" -Body @{ tenantId = [guid]::NewGuid().ToString() }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active
        # An accepted customer missing from the customer list is looked up on its own; that look-up keeps failing.
        $tenant = [guid]::NewGuid().ToString()
        $unreachable = New-ResellerInvite -CustomerName 'Unreachable Co' -CustomerEmail 'admin@unreachable.example' -CustomerTenantId $tenant -ConfigPath $Config
        Set-TestInviteStatus -InviteId $unreachable.Id -From Pending -To Accepted -StorePath (Join-Path $Folder 'store.db')
        $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{ failPathContaining = $tenant }
        try {
            $changes = @(Sync-ResellerInvite -ConfigPath $Config -ErrorVariable failures -ErrorAction SilentlyContinue)
        }
        finally { $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{} }

        $changes.InviteId | Should -Be $granular.Id
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "RemoteServiceError,$CommandId"
        $failures[0].TargetObject | Should -Be $unreachable.Id
        $failures[0].Exception.Message | Should -Match 'Unreachable Co.*not checked'
        (Get-ResellerInvite -Id $unreachable.Id -ConfigPath $Config).Status | Should -Be 'Accepted'
    }

    It 'records a granular invite the customer approved, once, with the time and the history' {
        $invite = New-GranularInvite 'Contoso Granular'
        $invite.Body | Should -Match ([regex]::Escape($invite.Link))
        $invite.Link | Should -Match "granularAdminRelationships/$($invite.RelationshipId)$"
        $tenant = [guid]::NewGuid().ToString()
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve" -Body @{ tenantId = $tenant }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active
        $approved = Get-SandboxRelationship $invite.RelationshipId

        $changes = @(Sync-ResellerInvite -ConfigPath $Config)

        $changes.Count | Should -Be 1
        $changes[0].GetType().FullName | Should -Be $TransitionType
        $changes[0].InviteId | Should -Be $invite.Id
        $changes[0].Kind | Should -Be 'GranularAdmin'
        "$($changes[0].From)->$($changes[0].To)" | Should -Be 'Pending->Accepted'
        $changes[0].At | Should -Be ([DateTimeOffset] $approved.activatedDateTime)
        $changes[0].CustomerTenantId | Should -Be $tenant
        $changes[0].RelationshipId | Should -Be $invite.RelationshipId
        foreach ($width in 80, 120) {
            $lines = $changes | Get-RenderedLines -Width $width
            $lines[0] | Should -Match '^CustomerName\s+From\s+To\s+At\s*$'
            $lines[2] | Should -Match '^Contoso Granular\s+Pending\s+Accepted\s+\d{4}-\d\d-\d\d \d\d:\d\d$'
            ($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty
        }

        $accepted = Get-ResellerInvite -Status Accepted -IncludeHistory -ConfigPath $Config
        $accepted.Id | Should -Be $invite.Id
        $accepted.CustomerTenantId | Should -Be $tenant
        $accepted.History.Count | Should -Be 2
        $accepted.History[0].FromStatus | Should -BeNullOrEmpty
        $accepted.History[0].ToStatus | Should -Be 'Pending'
        "$($accepted.History[1].FromStatus)->$($accepted.History[1].ToStatus)" | Should -Be 'Pending->Accepted'
        $accepted.History[1].At | Should -Be $changes[0].At

        @(Sync-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
        (Get-ResellerInvite -Id $invite.Id -IncludeHistory -ConfigPath $Config).History.Count | Should -Be 2
    }

    It 'records a reseller invite as accepted when the customer appears among the partner''s customers' {
        $invite = New-ResellerInvite -CustomerName 'Northwind Reseller' -CustomerEmail 'it@northwind-reseller.example' -ConfigPath $Config
        $tenant = [guid]::NewGuid().ToString()
        $null = Invoke-SandboxControl -Method Post -Path 'customers/accept-reseller' -Body @{ displayName = 'Northwind Reseller'; tenantId = $tenant; domain = 'northwind-reseller.example' }

        $change = Sync-ResellerInvite -ConfigPath $Config

        $change.InviteId | Should -Be $invite.Id
        $change.Kind | Should -Be 'Reseller'
        "$($change.From)->$($change.To)" | Should -Be 'Pending->Accepted'
        $change.CustomerTenantId | Should -Be $tenant
        $change.Detail | Should -Match 'customers'
        (Get-ResellerInvite -Id $invite.Id -ConfigPath $Config).Status | Should -Be 'Accepted'
        @(Sync-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
    }

    It 'records a declined granular invite as Rejected' {
        $invite = New-GranularInvite 'Declining Co'
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/reject"

        $change = Sync-ResellerInvite -ConfigPath $Config

        "$($change.From)->$($change.To)" | Should -Be 'Pending->Rejected'
        (Get-ResellerInvite -Status Rejected -ConfigPath $Config).Id | Should -Be $invite.Id
    }

    It 'outputs nothing while the customer has not acted' {
        $null = New-GranularInvite 'Waiting Co'
        $null = New-ResellerInvite -CustomerName 'Waiting Reseller' -CustomerEmail 'a@waiting-reseller.example' -ConfigPath $Config
        @(Sync-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
        @(Get-ResellerInvite -Status Pending -ConfigPath $Config).Count | Should -Be 2
    }

    It 'says "0 changes" on the information stream (shown like Write-Host), never in the output' {
        $null = New-ResellerInvite -CustomerName 'Waiting Reseller' -CustomerEmail 'a@waiting-reseller.example' -ConfigPath $Config
        $output = @(Sync-ResellerInvite -ConfigPath $Config -InformationVariable said)
        $output.Count | Should -Be 0
        "$said" | Should -Be 'Sync-ResellerInvite: 0 changes recorded.'
        $said[0].Tags | Should -Contain 'PSHOST'   # displayed by default, as Write-Host is
        # What a person at the prompt sees: the line, and nothing else.
        $seen = & { Sync-ResellerInvite -ConfigPath $Config } 6>&1 | Out-String
        $seen.Trim() | Should -Be 'Sync-ResellerInvite: 0 changes recorded.'
        @(& { Sync-ResellerInvite -ConfigPath $Config -InformationAction Ignore } 6>&1).Count | Should -Be 0
    }

    It 'syncs only the invites piped in, and nothing when nothing is piped in' {
        $first = New-GranularInvite 'Piped One'
        $second = New-GranularInvite 'Piped Two'
        foreach ($invite in $first, $second) { $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve" }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active

        @(Get-ResellerInvite -CustomerName 'Nobody*' -ConfigPath $Config | Sync-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
        (Get-ResellerInvite -Id $first.Id -ConfigPath $Config).Status | Should -Be 'Pending'

        $change = Get-ResellerInvite -Id $second.Id -ConfigPath $Config | Sync-ResellerInvite -ConfigPath $Config
        $change.InviteId | Should -Be $second.Id
        (Get-ResellerInvite -Id $first.Id -ConfigPath $Config).Status | Should -Be 'Pending'

        (Sync-ResellerInvite -Id $first.Id -ConfigPath $Config).InviteId | Should -Be $first.Id
    }

    It 'filters by -Kind and -CustomerName' {
        $granular = New-GranularInvite 'Filter Granular'
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($granular.RelationshipId)/approve"
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active
        $reseller = New-ResellerInvite -CustomerName 'Filter Reseller' -CustomerEmail 'a@filter-reseller.example' -ConfigPath $Config
        $null = Invoke-SandboxControl -Method Post -Path 'customers/accept-reseller' -Body @{ displayName = 'Filter Reseller'; tenantId = [guid]::NewGuid().ToString() }

        @(Sync-ResellerInvite -CustomerName 'Nothing*' -ConfigPath $Config).Count | Should -Be 0
        (Sync-ResellerInvite -Kind Reseller -ConfigPath $Config).InviteId | Should -Be $reseller.Id
        (Sync-ResellerInvite -CustomerName 'filter g*' -ConfigPath $Config).InviteId | Should -Be $granular.Id
    }

    It 'changes nothing with -WhatIf' {
        $invite = New-GranularInvite 'WhatIf Sync'
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve"
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active

        $output = Sync-ResellerInvite -ConfigPath $Config -WhatIf
        $output | Should -BeNullOrEmpty
        (Get-ResellerInvite -Id $invite.Id -IncludeHistory -ConfigPath $Config).History.Count | Should -Be 1

        (Sync-ResellerInvite -ConfigPath $Config).To | Should -Be 'Accepted'
    }

    It 'records each step of an invite that missed several changes, in order' {
        $invite = New-GranularInvite 'Short Lived'
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve"
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/terminate"

        $changes = @(Sync-ResellerInvite -ConfigPath $Config)

        ($changes | ForEach-Object { "$($_.From)->$($_.To)" }) | Should -Be @('Pending->Accepted', 'Accepted->Terminated')
        (Get-ResellerInvite -Id $invite.Id -IncludeHistory -ConfigPath $Config).History.Count | Should -Be 3
    }

    It 'shows a progress bar with the invites checked' {
        1..3 | ForEach-Object { $null = New-GranularInvite "Progress $_" }
        $run = Invoke-CapturingProgress "Sync-ResellerInvite -ConfigPath '$Config'"
        $run.Errors | Should -BeNullOrEmpty
        $statuses = $run.Progress | Where-Object Activity -EQ 'Synchronising invites' | ForEach-Object StatusDescription
        $statuses | Should -Contain 'Checked Progress 3 (3 of 3)'
        ($run.Progress | Select-Object -Last 1).RecordType | Should -Be 'Completed'
    }

    It 'needs a connection' {
        $offline = New-TestConfig -Folder $Folder
        { Sync-ResellerInvite -ConfigPath $offline -ErrorAction Stop } | Should -Throw -ErrorId "NotConnected,$CommandId"
    }

    It 'records each transition exactly once when two processes sync at once' {
        $invites = 1..6 | ForEach-Object { New-GranularInvite "Concurrent $_" }
        foreach ($invite in $invites) { $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve" }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active
        $null = New-ResellerInvite -CustomerName 'Concurrent Reseller' -CustomerEmail 'a@concurrent-reseller.example' -ConfigPath $Config
        $null = Invoke-SandboxControl -Method Post -Path 'customers/accept-reseller' -Body @{ displayName = 'Concurrent Reseller'; tenantId = [guid]::NewGuid().ToString() }

        $scriptFile = Join-Path $Folder 'sync.ps1'
        Set-Content $scriptFile @'
param($Module, $Config, $OutFile)
Import-Module $Module
$lines = @(Sync-ResellerInvite -ConfigPath $Config -Confirm:$false -ErrorAction Stop | ForEach-Object { "$($_.InviteId) $($_.From)->$($_.To)" })
# Written even when empty: the other process may have recorded every change first.
[IO.File]::WriteAllLines($OutFile, [string[]] $lines)
'@
        $outputs = 'a', 'b' | ForEach-Object { Join-Path $Folder "sync-$_.txt" }
        $syncs = $outputs | ForEach-Object {
            Start-Process $PwshCommand[0] -ArgumentList (@($PwshCommand | Select-Object -Skip 1) + '-NoProfile', '-NonInteractive', '-File', $scriptFile, $ModuleManifest, $Config, $_) -PassThru -NoNewWindow
        }
        $syncs | Wait-Process -Timeout 180
        $syncs | ForEach-Object { $_.ExitCode | Should -Be 0 }

        $lines = @($outputs | ForEach-Object { Get-Content $_ } | Where-Object { $_ })
        $lines.Count | Should -Be 7
        ($lines | Sort-Object -Unique).Count | Should -Be 7
        foreach ($invite in Get-ResellerInvite -ConfigPath $Config -IncludeHistory) {
            $invite.Status | Should -Be 'Accepted'
            $invite.History.Count | Should -Be 2
        }
        @(Sync-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
    }
}
