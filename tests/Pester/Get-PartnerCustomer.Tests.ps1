BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox
    $script:Folder = Initialize-CustomerTestSession -Sandbox $Sandbox
    $script:CustomerType = 'PartnerRelationships.Core.Workflow.PartnerCustomer'
    $script:ErrorSuffix = 'PartnerRelationships.PowerShell.Cmdlets.GetPartnerCustomerCommand'

    $script:Contoso = New-TestCustomer -Name 'Contoso'
    $script:Fabrikam = New-TestCustomer -Name 'Fabrikam Pending' -Relationship Pending
    $script:Northwind = New-TestCustomer -Name 'Northwind Gdap Only' -NoReseller
    $script:Litware = New-TestCustomer -Name 'Litware Plain' -Relationship None
    $script:Tailspin = New-TestCustomer -Name 'Tailspin Removed'
    $null = Invoke-SandboxControl -Method Post -Path "customers/$($Tailspin.TenantId)/remove-admin" -Body @{ terminateGdap = $true }
}

AfterAll {
    Reset-CustomerTestSession -Folder $script:Folder
    Stop-TestSandbox $script:Sandbox
}

Describe 'Get-PartnerCustomer' {
    It 'lists every customer with its relationships and admin-permission state' {
        $all = @(Get-PartnerCustomer)
        $all.Count | Should -Be 5
        $all[0].GetType().FullName | Should -Be $CustomerType
        $row = $all | Where-Object TenantId -eq $Contoso.TenantId
        $row.Name | Should -Be 'Contoso'
        $row.Domain | Should -Be $Contoso.Domain
        $row.IsReseller | Should -BeTrue
        $row.AdminPermission | Should -Be 'Active'
        $row.ActiveGranularRelationshipCount | Should -Be 1
        $row.GranularStatusSummary | Should -Be '1 Active'
        $row.GranularRelationships[0].Id | Should -Be $Contoso.RelationshipId
        $row.GranularRelationships[0].Roles | Should -Be @('Helpdesk Administrator', 'Directory Readers')
        $row.NextGranularEnd | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(700))
    }

    It 'filters by name with wildcards, ignoring case' {
        $pending = @(Get-PartnerCustomer -Name 'fab*')
        $pending.TenantId | Should -Be $Fabrikam.TenantId
        $pending[0].GranularStatusSummary | Should -Be 'Pending'
        $pending[0].NextGranularEnd | Should -BeNullOrEmpty
        (Get-PartnerCustomer 'CONTOSO').TenantId | Should -Be $Contoso.TenantId
        Get-PartnerCustomer -Name 'Nobody*' | Should -BeNullOrEmpty
    }

    It 'takes several names, and a name without wildcards that finds nobody is a non-terminating ObjectNotFound error' {
        $found = @(Get-PartnerCustomer -Name 'Contoso', 'Does Not Exist', 'Litware*' -ErrorVariable notFound -ErrorAction SilentlyContinue)
        $found.Name | Should -Be @('Contoso', 'Litware Plain')
        $notFound.Count | Should -Be 1
        $notFound[0].FullyQualifiedErrorId | Should -Be "CustomerNotFound,$ErrorSuffix"
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $notFound[0].TargetObject | Should -Be 'Does Not Exist'
        $notFound[0].Exception.Message | Should -Match "No customer named 'Does Not Exist'.*-Name 'Does Not Exist\*'"
        # Non-terminating: with -ErrorAction Stop it stops; a wildcard that matches nobody stays silent.
        { Get-PartnerCustomer -Name 'Does Not Exist' -ErrorAction Stop } | Should -Throw -ErrorId "CustomerNotFound,$ErrorSuffix"
        Get-PartnerCustomer -Name 'Nobody*' -ErrorVariable quiet -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $quiet.Count | Should -Be 0
    }

    It 'an explicit tenant id that nobody has is a non-terminating ObjectNotFound error naming the id' {
        $unknown = [guid]::NewGuid().ToString()
        $found = @($unknown, $Contoso.TenantId | Get-PartnerCustomer -ErrorVariable notFound -ErrorAction SilentlyContinue)
        $found.Name | Should -Be 'Contoso'
        $notFound.Count | Should -Be 1
        $notFound[0].FullyQualifiedErrorId | Should -Be "CustomerNotFound,$ErrorSuffix"
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $notFound[0].TargetObject | Should -Be $unknown
        "$($notFound[0])" | Should -Match ([regex]::Escape($unknown))
    }

    It 'looks one name up with a Partner Center search rather than reading every customer' {
        $records = & { Get-PartnerCustomer -Name 'Contoso' -Verbose } 4>&1
        $requests = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message | Where-Object { $_ -match 'GET /v1/customers' })
        $requests | Should -Not -BeNullOrEmpty
        $requests | ForEach-Object { $_ | Should -Match 'filter=' }
        @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Name | Should -Be 'Contoso'
    }

    It 'filters by domain, ignoring case' {
        $found = @(Get-PartnerCustomer -Domain 'LITWARE*')
        $found.Count | Should -Be 1
        $found[0].TenantId | Should -Be $Litware.TenantId
        Get-PartnerCustomer -Domain '*.example' | Should -BeNullOrEmpty
    }

    It 'shows customers known only through a granular relationship' {
        $found = @(Get-PartnerCustomer -Name 'Northwind*')
        $found.Count | Should -Be 1
        $found[0].TenantId | Should -Be $Northwind.TenantId
        $found[0].IsReseller | Should -BeFalse
        $found[0].Domain | Should -BeNullOrEmpty   # Partner Center does not know it
        $found[0].AdminPermission | Should -Be 'Active'
        $found[0].GranularStatusSummary | Should -Be '1 Active'
    }

    It 'reads one customer by tenant id, from a parameter, by value and by property name' {
        (Get-PartnerCustomer -TenantId $Litware.TenantId).Name | Should -Be 'Litware Plain'
        ($Litware.TenantId | Get-PartnerCustomer).Name | Should -Be 'Litware Plain'
        $byProperty = @($Litware, $Contoso | Get-PartnerCustomer)
        $byProperty.Name | Should -Be @('Litware Plain', 'Contoso')
        $byProperty[0].GranularStatusSummary | Should -Be '-'
        $byProperty[0].AdminPermission | Should -Be 'Active'   # the reseller relationship's delegated access
    }

    It 'shows removed admin rights, and ended relationships only with -IncludeEndedRelationships' {
        $removed = Get-PartnerCustomer -TenantId $Tailspin.TenantId
        $removed.AdminPermission | Should -Be 'Removed'
        $removed.GranularRelationships | Should -BeNullOrEmpty
        $history = Get-PartnerCustomer -TenantId $Tailspin.TenantId -IncludeEndedRelationships
        $history.GranularRelationships.Count | Should -Be 1
        $history.GranularRelationships[0].Status | Should -BeIn @('Terminated', 'Terminating', 'TerminationRequested')
    }

    It 'fails clearly for a tenant id that is not a GUID and goes on with the next' {
        $results = @('not-a-guid', $Contoso.TenantId | Get-PartnerCustomer -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Name | Should -Be 'Contoso'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCustomerTenantId,$ErrorSuffix"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'has a table view for <Width> columns: the name gets the width, the tenant id is only in the list view' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = Get-PartnerCustomer | Get-RenderedLines -Width $Width
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $Width
        $lines[0] | Should -Match '^Name\s+Reseller\s+GDAP\s+Admin\s+GdapEnds\s*$'
        ($lines -join "`n") | Should -Match '(?m)^Contoso\s+Yes\s+1 Active\s+Active\s+\d{4}-\d\d-\d\d'
        ($lines -join "`n") | Should -Match '(?m)^Northwind Gdap Only\s+No\s+1 Active'   # the whole name, not cut
        ($lines -join "`n") | Should -Not -Match $GuidPattern
        $list = Get-PartnerCustomer -TenantId $Contoso.TenantId | Format-List | Out-String -Width $Width
        $list | Should -Match ('TenantId\s+: ' + [regex]::Escape($Contoso.TenantId))
        $list | Should -Match 'GranularRelationships\s*:\s*GDAP Contoso \w+ \(Active, ends \d{4}-\d\d-\d\d;'
        ($list -split "`n" | Where-Object { $_.TrimEnd().Length -gt $Width }) | Should -BeNullOrEmpty
        $wide = Get-PartnerCustomer -TenantId $Contoso.TenantId | Format-List | Out-String -Width 200
        $wide | Should -Match 'GranularRelationships\s*:\s*GDAP Contoso \w+ \(Active, ends \d{4}-\d\d-\d\d; Helpdesk Administrator, Directory Readers\)'
    }

    It 'exports to CSV with the relationships as text, and to JSON with enum names' {
        $csv = Join-Path $TestDrive 'customers.csv'
        Get-PartnerCustomer -TenantId $Contoso.TenantId | Export-Csv $csv
        Get-Content $csv -Raw | Should -Not -Match 'System\.Collections'
        $row = Import-Csv $csv
        $row.GranularRelationships | Should -Match '^GDAP Contoso \w+ \(Active\)$'
        $row.AdminPermission | Should -Be 'Active'
        $json = Get-PartnerCustomer -TenantId $Contoso.TenantId | ConvertTo-Json -Depth 4
        $json | Should -Match '"AdminPermission": "Active"'
        $json | Should -Match '"Status": "Active"'
        ($json | ConvertFrom-Json).GranularRelationships[0].Roles | Should -Be @('Helpdesk Administrator', 'Directory Readers')
    }

    It 'says to connect when there is no session' {
        Disconnect-PartnerRelationship
        try {
            { Get-PartnerCustomer -ErrorAction Stop } | Should -Throw -ErrorId "NotConnected,$ErrorSuffix"
        }
        finally {
            $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
        }
    }

    # Last: it adds 6,000 customers to this file's sandbox.
    It 'streams: the first customer shows before the last Partner Center page, and -First stops the listing' {
        # While the relationship list loads, the directory reads customers ahead, at most CustomerDirectory.MaxReadAhead
        # of them (bounded memory); past that, pages are read only as the pipeline asks. So with more customers than
        # the bound, the first one shows after at most bound ÷ page size (+1 in flight) of the many pages.
        $null = Invoke-SandboxControl -Method Post -Path 'seed' -Body @{ customers = 6000; seed = 7 }
        $customerPage = 'GET /v1/customers\S* -> 200'
        $records = & { Get-PartnerCustomer -Verbose | Select-Object -First 1 } 4>&1
        $first = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $first.Count | Should -Be 1
        $first[0].GetType().FullName | Should -Be $CustomerType
        $directory = $first[0].GetType().Assembly.GetType('PartnerRelationships.Core.Workflow.CustomerDirectory')
        $bound = $directory.GetField('MaxReadAhead', [Reflection.BindingFlags]'NonPublic, Public, Static').GetValue($null)
        $pagesForFirst = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match $customerPage }).Count
        $pagesForFirst | Should -BeLessOrEqual ([math]::Ceiling($bound / 200) + 1)

        # The whole listing needs more pages than that: the bound above is the streaming, not a small sandbox.
        $all = & { Get-PartnerCustomer -Verbose } 4>&1
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match $customerPage }).Count | Should -BeGreaterThan $pagesForFirst
        @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 6000
    }
}
