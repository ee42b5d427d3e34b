BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:CommandId = 'PartnerRelationships.PowerShell.Cmdlets.GetResellerInviteCommand'
    $script:Folder = New-TestFolder
    $script:Config = New-TestConfig -Folder $script:Folder
    $script:Invites = @(
        @{ CustomerName = 'Contoso'; CustomerEmail = 'admin@contoso.com' }
        @{ CustomerName = 'Contoso Pharma'; CustomerEmail = 'it@contosopharma.example' }
        @{ CustomerName = 'Fabrikam'; CustomerEmail = 'admin@fabrikam.example' }
    ) | ForEach-Object { New-ResellerInvite @_ -ConfigPath $script:Config }
}
AfterAll { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Get-ResellerInvite' {
    It 'lists every invite, oldest first' {
        (Get-ResellerInvite -ConfigPath $script:Config).CustomerName | Should -Be @('Contoso', 'Contoso Pharma', 'Fabrikam')
    }

    It 'matches customer names with wildcards, ignoring case' {
        (Get-ResellerInvite -CustomerName 'contoso*' -ConfigPath $script:Config).CustomerName | Should -Be @('Contoso', 'Contoso Pharma')
        (Get-ResellerInvite -CustomerName 'Fabrik?m' -ConfigPath $script:Config).CustomerName | Should -Be 'Fabrikam'
        @(Get-ResellerInvite -CustomerName 'Nobody*' -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'treats SQL wildcard characters literally' {
        @(Get-ResellerInvite -CustomerName 'Contoso%' -ConfigPath $script:Config).Count | Should -Be 0
        @(Get-ResellerInvite -CustomerName 'Contos_' -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'filters by status' {
        @(Get-ResellerInvite -Status Pending -ConfigPath $script:Config).Count | Should -Be 3
        @(Get-ResellerInvite -Status Accepted, Rejected -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'filters by kind' {
        @(Get-ResellerInvite -Kind Reseller -ConfigPath $script:Config).Count | Should -Be 3
        @(Get-ResellerInvite -Kind GranularAdmin -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'filters by age' {
        @(Get-ResellerInvite -OlderThan '00:00:00' -ConfigPath $script:Config).Count | Should -Be 3
        @(Get-ResellerInvite -OlderThan '1.00:00:00' -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'takes an age with a unit, in ISO 8601 or as 0' {
        @(Get-ResellerInvite -OlderThan 0 -ConfigPath $script:Config).Count | Should -Be 3
        @(Get-ResellerInvite -OlderThan 1d -ConfigPath $script:Config).Count | Should -Be 0
        @(Get-ResellerInvite -OlderThan P1D -ConfigPath $script:Config).Count | Should -Be 0
        @(Get-ResellerInvite -PendingFor 0s -ConfigPath $script:Config).Count | Should -Be 3
        @(Get-ResellerInvite -PendingFor '1d' -ConfigPath $script:Config).Count | Should -Be 0
        @(Get-ResellerInvite -OlderThan 86400s -ConfigPath $script:Config).Count | Should -Be 0
        @(Get-ResellerInvite -PendingFor 12h -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'refuses an age without a unit and says how to write one' {
        { Get-ResellerInvite -OlderThan 14 -ConfigPath $script:Config -ErrorAction Stop } |
            Should -Throw -ErrorId "ParameterArgumentTransformationError,$script:CommandId" -ExpectedMessage '*14 has no unit*14d*'
        { Get-ResellerInvite -OlderThan '2 weeks' -ConfigPath $script:Config -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*'2 weeks' is not a duration*P14D*"
    }

    It 'finds invites by id from the pipeline' {
        $found = $script:Invites[0, 2] | Get-ResellerInvite -ConfigPath $script:Config
        $found.CustomerName | Should -Be @('Contoso', 'Fabrikam')
        ($script:Invites[1].Id | Get-ResellerInvite -ConfigPath $script:Config).CustomerName | Should -Be 'Contoso Pharma'
    }

    It 'reports an unknown id and goes on' {
        $missing = [guid]::NewGuid()
        $found = Get-ResellerInvite -Id $missing, $script:Invites[0].Id -ConfigPath $script:Config -ErrorAction SilentlyContinue -ErrorVariable failures
        $found.CustomerName | Should -Be 'Contoso'
        $failures[0].FullyQualifiedErrorId | Should -Be "InviteNotFound,$script:CommandId"
        $failures[0].TargetObject | Should -Be $missing
    }

    It 'rejects an unknown status' {
        { Get-ResellerInvite -Status Sleeping -ConfigPath $script:Config -ErrorAction Stop } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,PartnerRelationships.PowerShell.Cmdlets.GetResellerInviteCommand'
    }

    It 'shows a table by default that fits <Width> columns: the name, kind, status and since when' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = Get-ResellerInvite -ConfigPath $script:Config | Get-RenderedLines -Width $Width
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $Width
        $lines[0] | Should -Match '^CustomerName\s+Kind\s+Status\s+Since\s*$'
        ($lines -join "`n") | Should -Match 'Contoso Pharma\S*\s+Reseller\s+Pending\s+\d{4}-\d\d-\d\d \d\d:\d\d'
        ($lines -join "`n") | Should -Not -Match $GuidPattern
    }

    It 'shows the same date convention in the list view, and the ids there' {
        $list = Get-ResellerInvite -ConfigPath $script:Config | Select-Object -First 1 | Format-List | Out-String -Width 120
        $list | Should -Match 'Created\s+: \d{4}-\d\d-\d\d \d\d:\d\d\s'
        $list | Should -Match 'Id\s+: [0-9a-f-]{36}'
    }
}

Describe 'Get-ResellerInvite -PendingFor and -IncludeHistory' {
    BeforeEach {
        $script:Folder = New-TestFolder
        $script:Config = New-TestConfig -Folder $script:Folder
        $script:Waiting = New-ResellerInvite -CustomerName 'Waiting' -CustomerEmail 'a@waiting.example' -ConfigPath $script:Config
        $script:Withdrawn = New-ResellerInvite -CustomerName 'Withdrawn' -CustomerEmail 'a@withdrawn.example' -ConfigPath $script:Config
        Remove-ResellerInvite -Id $script:Withdrawn.Id -ConfigPath $script:Config -Confirm:$false
    }
    AfterEach { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'lists only invites pending for longer than the time span' {
        (Get-ResellerInvite -PendingFor '00:00:00' -ConfigPath $script:Config).Id | Should -Be $script:Waiting.Id
        @(Get-ResellerInvite -PendingFor '1.00:00:00' -ConfigPath $script:Config).Count | Should -Be 0
        (Get-ResellerInvite -PendingFor 0 -Status Pending, Accepted -CustomerName 'Wait*' -ConfigPath $script:Config).Id | Should -Be $script:Waiting.Id
    }

    It 'refuses -PendingFor with a -Status list without Pending' {
        { Get-ResellerInvite -PendingFor 0 -Status Cancelled -ConfigPath $script:Config -ErrorAction Stop } |
            Should -Throw -ErrorId "PendingForWithoutPendingStatus,$script:CommandId"
    }

    It 'refuses a negative -PendingFor' {
        { Get-ResellerInvite -PendingFor '-1.00:00:00' -ConfigPath $script:Config -ErrorAction Stop } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$script:CommandId"
    }

    It 'adds the history to each invite, oldest entry first' {
        $invites = Get-ResellerInvite -IncludeHistory -ConfigPath $script:Config
        $invites.CustomerName | Should -Be @('Waiting', 'Withdrawn')
        $invites[0].History.Count | Should -Be 1
        $invites[0].History[0].GetType().FullName | Should -Be 'PartnerRelationships.Core.Store.InviteHistoryEntry'
        $invites[0].History[0].ToStatus | Should -Be 'Pending'
        $history = $invites[1].History
        ($history | ForEach-Object { "$($_.FromStatus)->$($_.ToStatus)" }) | Should -Be @('->Pending', 'Pending->Cancelled')
        $history[1].At | Should -Be $invites[1].StatusChangedAt
        $history[1].Detail | Should -Match 'cancelled'
    }

    It 'exports invites with their history as readable lines' {
        $row = Get-ResellerInvite -Id $script:Withdrawn.Id -IncludeHistory -ConfigPath $script:Config | ConvertTo-Csv | ConvertFrom-Csv
        $row.History | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ Pending( \([^)]*\))?; \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ Pending -> Cancelled \(.*cancelled.*\)$'
        $row.Kind | Should -Be 'Reseller'
        $row.Status | Should -Be 'Cancelled'
    }

    It 'adds the history to invites asked for by id, and leaves it out otherwise' {
        (Get-ResellerInvite -Id $script:Withdrawn.Id -IncludeHistory -ConfigPath $script:Config).History.Count | Should -Be 2
        (Get-ResellerInvite -Id $script:Withdrawn.Id -ConfigPath $script:Config).PSObject.Properties['History'] | Should -BeNullOrEmpty
    }

    It 'shows the history as a table' {
        $text = (Get-ResellerInvite -Id $script:Withdrawn.Id -IncludeHistory -ConfigPath $script:Config).History | Out-String -Width 120
        $text | Should -Match 'At\s+From\s+To\s+Detail'
        $text | Should -Match 'Pending\s+Cancelled\s+cancelled by the partner'
    }
}
