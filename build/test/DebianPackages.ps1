<#
.SYNOPSIS
    Installs a Debian package the test run needs (PostgreSQL for the store tests, Chromium for the report render tests)
    when this user may: root, or passwordless sudo. The one place the test run calls apt-get, so a fresh machine gets
    what the tests use from the project's own files, never from a hand install.
#>

function Test-IsRoot { return $IsLinux -and ((& id -u) -eq '0') }

<# .SYNOPSIS Installs the packages with apt-get (updating the lists once if the first try fails); returns whether it tried. #>
function Install-DebianPackage {
    param([Parameter(Mandatory)] [string[]] $Package)
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) { return $false }
    $sudo = @()
    if (-not (Test-IsRoot)) {
        & sudo -n true 2>$null
        if ($LASTEXITCODE -ne 0) { return $false }
        $sudo = @('sudo', '-n')
    }
    Write-Host "   $($Package -join ', ') not found: installing from Debian packages" -ForegroundColor Yellow
    $env:DEBIAN_FRONTEND = 'noninteractive'
    $run = { param([string[]] $command) if ($sudo) { & $sudo[0] @($sudo[1..($sudo.Count - 1)] + $command) } else { & $command[0] @($command[1..($command.Count - 1)]) } }
    & $run (@('apt-get', 'install', '-y', '-q', '--no-install-recommends') + $Package) 2>&1 | Out-Null
    if ($LASTEXITCODE -ne 0) {
        & $run @('apt-get', 'update', '-q') 2>&1 | Out-Null
        & $run (@('apt-get', 'install', '-y', '-q', '--no-install-recommends') + $Package) 2>&1 | Out-Null
    }
    return $true
}

<#
.SYNOPSIS
    Makes sure headless Chromium is there for the tests that look at the HTML report as a person would; returns its
    path, or $null (with a warning) where it cannot be installed, and those tests then skip with their stated reason.
#>
function Install-TestChromium {
    $find = { (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
    $chromium = & $find
    if (-not $chromium -and (Install-DebianPackage -Package chromium)) { $chromium = & $find }
    if (-not $chromium) { Write-Warning 'Chromium is not installed and cannot be installed here: the report render tests are skipped.' }
    return $chromium
}
