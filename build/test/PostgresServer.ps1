<#
.SYNOPSIS
    A throwaway PostgreSQL server for the test run: the one place that finds (or installs) the binaries, starts a
    server on loopback under the run's own data directory, and stops it.
.DESCRIPTION
    Dot-source it for Start-TestPostgres / Stop-TestPostgres (build.ps1 does), or run it:
      PostgresServer.ps1 -PostgresServerAction Start -ServerRoot <dir>   prints the connection string as the last line (nothing if none)
      PostgresServer.ps1 -PostgresServerAction Stop  -ServerRoot <dir>
    The xunit fixture runs it that way when PARTNERRELATIONSHIPS_TEST_POSTGRES is not set.
    PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' user (or 'nobody').
#>
[CmdletBinding()]
param(
    [ValidateSet('Start', 'Stop', 'None')]
    [string] $PostgresServerAction = 'None',
    # Not "$Root": dot-sourced, these parameters become variables of the caller (build.ps1 has its own $root).
    [string] $ServerRoot
)

# Where initdb and pg_ctl are: PATH first, then Debian's versioned folders (newest first).
function Find-PostgresBin {
    $initdb = Get-Command initdb -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($initdb) { return Split-Path $initdb.Source }
    $debian = Get-ChildItem '/usr/lib/postgresql/*/bin/initdb' -ErrorAction SilentlyContinue |
        Sort-Object { [int] (Split-Path (Split-Path (Split-Path $_.FullName)) -Leaf) } -Descending | Select-Object -First 1
    if ($debian) { return Split-Path $debian.FullName }
    return $null
}

. (Join-Path $PSScriptRoot 'DebianPackages.ps1')

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { return ([System.Net.IPEndPoint] $listener.LocalEndpoint).Port } finally { $listener.Stop() }
}

# Runs a PostgreSQL binary, as the service user when we are root.
function Invoke-AsServerUser {
    param([string] $ServerUser, [string] $FilePath, [string[]] $ArgumentList)
    if ($ServerUser) { $output = & runuser -u $ServerUser -- $FilePath @ArgumentList 2>&1 }
    else { $output = & $FilePath @ArgumentList 2>&1 }
    if ($LASTEXITCODE -ne 0) { throw "$([IO.Path]::GetFileName($FilePath)) failed ($LASTEXITCODE): $($output -join "`n")" }
}

<#
.SYNOPSIS
    Starts a server under <Root>/pg; returns its connection string, or $null (with a warning saying why) when
    PostgreSQL is not installed and cannot be.
#>
function Start-TestPostgres {
    param([Parameter(Mandatory)] [string] $Root)
    $bin = Find-PostgresBin
    if (-not $bin -and (Install-DebianPackage -Package postgresql)) { $bin = Find-PostgresBin }
    if (-not $bin) {
        Write-Warning 'PostgreSQL is not installed and cannot be installed here (needs root or passwordless sudo with apt-get): PostgreSQL tests are skipped.'
        return $null
    }

    Stop-TestPostgres -Root $Root
    $data = Join-Path $Root 'pg'
    $socket = Join-Path $Root 'pg-socket'
    New-Item -ItemType Directory -Path $data, $socket -Force | Out-Null
    $serverUser = $null
    if (Test-IsRoot) {
        $serverUser = if (Get-Command getent -ErrorAction SilentlyContinue) { if (& getent passwd postgres) { 'postgres' } else { 'nobody' } } else { 'postgres' }
        & chown -R "${serverUser}:" $data $socket
        & chmod 0700 $data
    }
    $port = Get-FreeLoopbackPort
    $log = Join-Path $socket 'server.log'
    Invoke-AsServerUser $serverUser (Join-Path $bin 'initdb') @('-D', $data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync')
    $options = "-p $port -k $socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    Invoke-AsServerUser $serverUser (Join-Path $bin 'pg_ctl') @('-D', $data, '-l', $log, '-w', '-t', '60', '-o', $options, 'start')
    Set-Content -Path (Join-Path $Root 'pg-server.json') -Value (@{ bin = $bin; data = $data; user = $serverUser; port = $port } | ConvertTo-Json)
    return "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Timeout=15"
}

<# .SYNOPSIS Stops the server Start-TestPostgres started under <Root> (if any) and removes its files. #>
function Stop-TestPostgres {
    param([Parameter(Mandatory)] [string] $Root)
    $state = Join-Path $Root 'pg-server.json'
    if (Test-Path $state) {
        $server = Get-Content $state -Raw | ConvertFrom-Json
        try { Invoke-AsServerUser $server.user (Join-Path $server.bin 'pg_ctl') @('-D', $server.data, '-m', 'immediate', '-w', 'stop') }
        catch { Write-Warning "Stopping the test PostgreSQL server: $_" }
        Remove-Item $state -Force
    }
    foreach ($folder in (Join-Path $Root 'pg'), (Join-Path $Root 'pg-socket')) {
        if (Test-Path $folder) { Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue }
    }
}

switch ($PostgresServerAction) {
    'Start' {
        $ErrorActionPreference = 'Stop'
        $connection = Start-TestPostgres -Root $ServerRoot
        if ($connection) { Write-Output $connection }
    }
    'Stop' { Stop-TestPostgres -Root $ServerRoot }
}
