BeforeDiscovery {
    # PostgreSQL tests need the server build.ps1 Test starts (or your own) and psql to give each run its own schema.
    $script:PostgresSkipReason = if (-not $env:PARTNERRELATIONSHIPS_TEST_POSTGRES) { 'PARTNERRELATIONSHIPS_TEST_POSTGRES is not set (no test PostgreSQL server)' }
    elseif (-not ((Get-Command psql -ErrorAction SilentlyContinue) -or (Get-ChildItem '/usr/lib/postgresql/*/bin/psql' -ErrorAction SilentlyContinue))) { 'psql is not installed' }
    else { $null }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:CommandId = 'PartnerRelationships.PowerShell.Cmdlets.CopyPartnerRelationshipStoreCommand'

    function New-InvitesIn([string] $Config, [string[]] $Names) {
        foreach ($name in $Names) { New-ResellerInvite -CustomerName $name -CustomerEmail "admin@$($name.ToLower()).example" -ConfigPath $Config }
    }

    # Runs SQL on the test server as its superuser (parsed from the connection string), for set-up only.
    function Invoke-TestPsql([string] $Sql) {
        $parts = @{}
        foreach ($pair in $env:PARTNERRELATIONSHIPS_TEST_POSTGRES -split ';' | Where-Object { $_ -match '=' }) {
            $key, $value = $pair -split '=', 2
            $parts[$key.Trim().ToLowerInvariant()] = $value.Trim()
        }
        $psql = (Get-Command psql -ErrorAction SilentlyContinue).Source
        if (-not $psql) { $psql = (Get-ChildItem '/usr/lib/postgresql/*/bin/psql' | Select-Object -Last 1).FullName }
        & $psql -h $parts['host'] -p $parts['port'] -U $parts['username'] -d $parts['database'] -v ON_ERROR_STOP=1 -q -c $Sql
        if ($LASTEXITCODE -ne 0) { throw "psql failed: $Sql" }
    }
}

Describe 'Copy-PartnerRelationshipStore' {
    BeforeEach {
        $script:Folder = New-TestFolder
        $script:Config = New-TestConfig -Folder $script:Folder
        $script:Invites = @(New-InvitesIn $script:Config 'Contoso', 'Fabrikam', 'Tailspin')
        $script:SourceDb = Join-Path $script:Folder 'store.db'
    }
    AfterEach { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'copies every invite and its history into a new SQLite file' {
        $copy = Join-Path $script:Folder 'copy.db'
        $result = Copy-PartnerRelationshipStore -Source $script:Config -Destination $copy -Confirm:$false
        $result.GetType().FullName | Should -Be 'PartnerRelationships.Core.Store.StoreCopyResult'
        $result.Added | Should -Be 3
        $result.HistoryEntriesRead | Should -Be 3
        $copyConfig = New-TestConfig -Folder (New-Item -ItemType Directory (Join-Path $script:Folder 'copy')).FullName
        Copy-Item $copy (Join-Path $script:Folder 'copy/store.db')
        $copied = Get-ResellerInvite -ConfigPath $copyConfig
        $copied.Id | Should -Be $script:Invites.Id
        $copied.CreatedAt | Should -Be $script:Invites.CreatedAt
    }

    It 'writes nothing with -WhatIf' {
        $copy = Join-Path $script:Folder 'copy.db'
        Copy-PartnerRelationshipStore -Source $script:SourceDb -Destination $copy -WhatIf | Should -BeNullOrEmpty
        $copy | Should -Not -Exist
    }

    It 'refuses a destination that holds invites, and merges with -Force without doubling' {
        $copy = Join-Path $script:Folder 'copy.db'
        $null = Copy-PartnerRelationshipStore $script:SourceDb $copy -Confirm:$false
        { Copy-PartnerRelationshipStore $script:SourceDb $copy -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "StoreCopyDestinationNotEmpty,$script:CommandId"

        $null = New-InvitesIn $script:Config 'Wingtip'
        $again = Copy-PartnerRelationshipStore $script:SourceDb $copy -Force -Confirm:$false
        $again.Added | Should -Be 1
        $again.Unchanged | Should -Be 3
        (Copy-PartnerRelationshipStore $script:SourceDb $copy -Force -Confirm:$false).Unchanged | Should -Be 4
    }

    It 'reports a missing source' {
        { Copy-PartnerRelationshipStore (Join-Path $script:Folder 'nothing.db') (Join-Path $script:Folder 'copy.db') -ErrorAction Stop } |
            Should -Throw -ErrorId "StoreCopySourceNotFound,$script:CommandId"
    }

    It 'refuses to copy a store onto itself' {
        { Copy-PartnerRelationshipStore $script:Config $script:SourceDb -Force -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "StoreCopySameStore,$script:CommandId"
    }

    Context 'with PostgreSQL' -Skip:([bool] $script:PostgresSkipReason) {
        BeforeEach {
            $script:Schema = 'pester_' + [guid]::NewGuid().ToString('n').Substring(0, 12)
            Invoke-TestPsql "CREATE SCHEMA $script:Schema"
            # Trust authentication ignores the password; it is there to prove it never shows.
            $env:PR_PESTER_PG = "$env:PARTNERRELATIONSHIPS_TEST_POSTGRES;Search Path=$script:Schema;Password=pester-secret-pw"
            $script:PgConfig = Join-Path $script:Folder 'postgres.yaml'
            @"
partner:
  tenantId: $script:PartnerTenantId
  mpnId: '$script:PartnerId'
  name: Fabrikam Cloud Services
store:
  provider: postgres
  connectionStringVariable: PR_PESTER_PG
"@ | Set-Content -Path $script:PgConfig -Encoding utf8NoBOM
        }
        AfterEach {
            Remove-Item Env:PR_PESTER_PG -ErrorAction SilentlyContinue
            Invoke-TestPsql "DROP SCHEMA IF EXISTS $script:Schema CASCADE"
        }

        It 'moves a SQLite store into PostgreSQL and back without loss' {
            $there = Copy-PartnerRelationshipStore $script:Config $script:PgConfig -Confirm:$false
            $there.Added | Should -Be 3
            $inPostgres = Get-ResellerInvite -ConfigPath $script:PgConfig
            $inPostgres.Id | Should -Be $script:Invites.Id
            $inPostgres.Body | Should -Be $script:Invites.Body

            # The module writes to PostgreSQL like to SQLite.
            $new = New-ResellerInvite -CustomerName 'Northwind' -CustomerEmail 'it@northwind.example' -ConfigPath $script:PgConfig
            (Get-ResellerInvite -Id $new.Id -ConfigPath $script:PgConfig).CustomerName | Should -Be 'Northwind'

            $back = Join-Path $script:Folder 'back.db'
            (Copy-PartnerRelationshipStore $script:PgConfig $back -Confirm:$false).Added | Should -Be 4
            (Copy-PartnerRelationshipStore $script:PgConfig $back -Force -Confirm:$false).Unchanged | Should -Be 4
        }

        It 'never shows the connection string' {
            $output = Get-ResellerInvite -ConfigPath $script:PgConfig -Verbose 4>&1 | Out-String
            $output | Should -Match 'PostgreSQL'
            $output | Should -Not -Match 'pester-secret-pw'
        }

        It 'says which variable is missing' {
            Remove-Item Env:PR_PESTER_PG
            { Get-ResellerInvite -ConfigPath $script:PgConfig -ErrorAction Stop } |
                Should -Throw -ErrorId 'StoreConnectionStringMissing,PartnerRelationships.PowerShell.Cmdlets.GetResellerInviteCommand'
        }

        It 'reports an unreachable server as StoreUnavailable' {
            $env:PR_PESTER_PG = 'Host=127.0.0.1;Port=1;Username=nobody;Password=pester-secret-pw;Timeout=3'
            $failure = $null
            try { Get-ResellerInvite -ConfigPath $script:PgConfig -ErrorAction Stop } catch { $failure = $_ }
            $failure.FullyQualifiedErrorId | Should -Be 'StoreUnavailable,PartnerRelationships.PowerShell.Cmdlets.GetResellerInviteCommand'
            $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
            ($failure | Out-String) | Should -Not -Match 'pester-secret-pw'
        }
    }
}
