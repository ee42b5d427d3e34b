<#
.SYNOPSIS
    Builds, tests, benchmarks and demonstrates the PartnerRelationships module.
.DESCRIPTION
    One entry point for people and CI alike (CI runs exactly `dotnet pwsh ./build.ps1 Test`).
      Build    compile the solution and assemble the module folder under out/PartnerRelationships
      Test     Build, then run every xunit and Pester test; ends with "Tests: N passed, N failed[, N skipped]"
      Bench    Build, then run the benchmarks in bench/ (not part of Test)
      Demo     Build, start a sandbox and walk through the admin's workflow against it
      Sandbox  Build and run the sandbox in the foreground (Ctrl+C to stop)
      Package  Build, then zip the module folder into out/PartnerRelationships-<version>.zip
      Clean    remove out/ and every bin/ and obj/
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Bench', 'Demo', 'Sandbox', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: run only the xunit tests or only Pester (both by default).
    [ValidateSet('All', 'Xunit', 'Pester')]
    [string] $Suite = 'All',

    # Test: passed to Pester's filter (file name wildcard under tests/Pester).
    [string] $PesterPath,

    # Sandbox: where it listens (loopback only).
    [string] $SandboxUrl = 'http://127.0.0.1:5099'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'PartnerRelationships'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-ModuleVersion {
    [xml] $props = Get-Content (Join-Path $root 'Directory.Build.props')
    return [string] $props.Project.PropertyGroup.Version
}

function Get-NuGetPackageFolder {
    $assets = Get-Content (Join-Path $root 'src/PartnerRelationships.Core/obj/project.assets.json') -Raw | ConvertFrom-Json
    return @($assets.packageFolders.PSObject.Properties.Name)[0]
}

function Get-ResolvedPackageVersion([string] $PackageId) {
    $assets = Get-Content (Join-Path $root 'src/PartnerRelationships.Core/obj/project.assets.json') -Raw | ConvertFrom-Json
    $key = $assets.libraries.PSObject.Properties.Name | Where-Object { $_ -like "$PackageId/*" } | Select-Object -First 1
    if (-not $key) { throw "Package $PackageId is not in Core's restore graph." }
    return $key.Split('/')[1]
}

function Invoke-Build {
    Write-Host "== Build ($Configuration)" -ForegroundColor Cyan
    Invoke-Native dotnet @('build', (Join-Path $root 'PartnerRelationships.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    Build-ModuleFolder
    Build-Help
}

function Build-ModuleFolder {
    $bin = Join-Path $root "src/PartnerRelationships.PowerShell/bin/$Configuration/netstandard2.0"
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = Join-Path $moduleOut 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null

    # The cmdlet assembly sits at the root; Core and every third-party assembly go to Dependencies/, where the
    # module's private load context finds them. PowerShell's own assemblies are never shipped.
    $rootAssemblies = 'PartnerRelationships.dll', 'PartnerRelationships.Loader.dll'
    Copy-Item (Join-Path $bin 'PartnerRelationships.dll') $moduleOut
    Copy-Item (Join-Path $root "src/PartnerRelationships.Loader/bin/$Configuration/netstandard2.0/PartnerRelationships.Loader.dll") $moduleOut
    Get-ChildItem $bin -Filter '*.dll' |
        Where-Object { $_.Name -notin ($rootAssemblies + 'System.Management.Automation.dll') } |
        Copy-Item -Destination $dependencies

    # The PostgreSQL store (net8.0) and Npgsql, loaded by Core only when the configuration names PostgreSQL. Where both
    # builds ship the same assembly, the higher version stays (same version: the one already there).
    $postgresBin = Join-Path $root "src/PartnerRelationships.Store.Postgres/bin/$Configuration/net8.0"
    foreach ($dll in Get-ChildItem $postgresBin -Filter '*.dll') {
        $existing = Join-Path $dependencies $dll.Name
        if ((Test-Path $existing) -and -not (Test-IsNewerAssembly $dll.FullName $existing)) { continue }
        Copy-Item $dll.FullName $dependencies -Force
    }

    # SQLite's native library for each supported platform, loaded by explicit path at run time.
    $packages = Get-NuGetPackageFolder
    $sqliteVersion = Get-ResolvedPackageVersion 'SQLitePCLRaw.lib.e_sqlite3'
    $nativeRoot = Join-Path $packages "sqlitepclraw.lib.e_sqlite3/$sqliteVersion/runtimes"
    foreach ($rid in 'linux-x64', 'linux-arm64', 'linux-musl-x64', 'linux-musl-arm64', 'osx-x64', 'osx-arm64', 'win-x64', 'win-x86', 'win-arm64') {
        $target = Join-Path $dependencies "runtimes/$rid/native"
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        Copy-Item (Join-Path $nativeRoot "$rid/native/*") $target
    }

    $moduleSource = Join-Path $root 'module'
    Copy-Item (Join-Path $moduleSource '*.ps1xml') $moduleOut
    Copy-Item (Join-Path $moduleSource 'en-US') $moduleOut -Recurse

    $manifest = Get-Content (Join-Path $moduleSource 'PartnerRelationships.psd1') -Raw
    $manifest = $manifest.Replace('0.0.0-dev', (Get-ModuleVersion))
    Set-Content -Path (Join-Path $moduleOut 'PartnerRelationships.psd1') -Value $manifest -Encoding utf8NoBOM
    Write-Host "   module folder: $moduleOut"
}

# Whether the candidate assembly has a higher assembly version (then file version) than the existing one.
function Test-IsNewerAssembly([string] $Candidate, [string] $Existing) {
    $new = [Reflection.AssemblyName]::GetAssemblyName($Candidate).Version
    $old = [Reflection.AssemblyName]::GetAssemblyName($Existing).Version
    if ($new -ne $old) { return $new -gt $old }
    return [version] (Get-Item $Candidate).VersionInfo.FileVersion -gt [version] (Get-Item $Existing).VersionInfo.FileVersion
}

function Build-Help {
    $generator = Join-Path $root 'build/help/New-MamlHelp.ps1'
    if (-not (Test-Path $generator)) { throw "Help generator missing: $generator" }
    $helpFile = Join-Path $moduleOut 'en-US/PartnerRelationships.dll-Help.xml'
    # A child pwsh, so the build session never holds the module's assemblies open.
    $pwsh = @(Get-PwshCommand)
    Invoke-Native $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $generator,
        '-ModulePath', (Join-Path $moduleOut 'PartnerRelationships.psd1'),
        '-MarkdownFolder', (Join-Path $root 'docs/help'),
        '-OutputPath', $helpFile))
}

# The command line that starts another PowerShell like this one: a .NET tool runs as `dotnet <PSHOME>/pwsh.dll`.
function Get-PwshCommand {
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return @($self, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($self)
}

function Invoke-Pwsh {
    $command = @(Get-PwshCommand)
    & $command[0] @($command | Select-Object -Skip 1) @args
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/tools/PesterTools.csproj'), '--nologo', '-v', 'quiet')
    $packages = Get-NuGetPackageFolder
    $psd1 = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $psd1)) { throw "Pester was not restored to $psd1" }
    return $psd1
}

function Invoke-XunitTests {
    $resultsDir = Join-Path $out 'test-results'
    New-Item -ItemType Directory -Path $resultsDir -Force | Out-Null
    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Recurse -Filter '*.Tests.csproj') {
        Write-Host "== xunit: $($project.BaseName)" -ForegroundColor Cyan
        $trx = Join-Path $resultsDir "$($project.BaseName).trx"
        if (Test-Path $trx) { Remove-Item $trx }
        & dotnet test $project.FullName -c $Configuration --no-build --nologo `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
        if (-not (Test-Path $trx)) {
            Write-Host "   no results from $($project.BaseName): counted as one failure" -ForegroundColor Red
            $totals.Failed++
            continue
        }
        [xml] $report = Get-Content $trx
        $counters = $report.TestRun.ResultSummary.Counters
        $totals.Passed += [int] $counters.passed
        $totals.Failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $totals.Skipped += [int] $counters.notExecuted
    }
    return $totals
}

function Invoke-PesterTests {
    Write-Host '== Pester' -ForegroundColor Cyan
    $pester = Get-PesterModulePath
    $resultFile = Join-Path $out 'test-results/pester.json'
    $paths = if ($PesterPath) { @(Join-Path $root "tests/Pester/$PesterPath") } else { @(Join-Path $root 'tests/Pester'), (Join-Path $root 'tests/help') }
    $script = @'
param($PesterPsd1, $Paths, $ResultFile, $ModulePath, $SandboxDll)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPsd1 -MinimumVersion 5.7.1
$env:PARTNERRELATIONSHIPS_MODULE = $ModulePath
$env:PARTNERRELATIONSHIPS_SANDBOX = $SandboxDll
$config = New-PesterConfiguration
$config.Run.Path = $Paths
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $config
[ordered]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount + $result.NotRunCount } |
    ConvertTo-Json | Set-Content -Path $ResultFile
'@
    New-Item -ItemType Directory -Path (Join-Path $out 'test-results') -Force | Out-Null
    $scriptFile = Join-Path $out 'test-results/run-pester.ps1'
    Set-Content -Path $scriptFile -Value $script
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    # A fresh pwsh: the tests import the built module folder, never bin/, into a clean session.
    Invoke-Pwsh -NoProfile -NonInteractive -File $scriptFile -PesterPsd1 $pester -Paths $paths -ResultFile $resultFile -ModulePath (Join-Path $moduleOut 'PartnerRelationships.psd1') -SandboxDll (Get-SandboxDll) | Out-Host
    if (-not (Test-Path $resultFile)) {
        Write-Host '   Pester produced no results: counted as one failure' -ForegroundColor Red
        return [ordered]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counts = Get-Content $resultFile -Raw | ConvertFrom-Json
    return [ordered]@{ Passed = [int] $counts.Passed; Failed = [int] $counts.Failed; Skipped = [int] $counts.Skipped }
}

function Invoke-Test {
    Invoke-Build
    $passed = 0; $failed = 0; $skipped = 0
    # One PostgreSQL server for the whole run (xunit and Pester), under the run's own folder; stopped even on failure.
    # (PostgresServer.ps1 brings DebianPackages.ps1, which also installs Chromium for the report render tests.)
    . (Join-Path $root 'build/test/PostgresServer.ps1')
    $pgRoot = Join-Path $out 'test-results/postgres'
    New-Item -ItemType Directory -Path $pgRoot -Force | Out-Null
    Write-Host '== Chromium for the report render tests' -ForegroundColor Cyan
    $chromium = Install-TestChromium
    if ($chromium) { Write-Host "   $chromium" }
    Write-Host '== PostgreSQL test server' -ForegroundColor Cyan
    $pgConnection = try { Start-TestPostgres -Root $pgRoot } catch { Write-Warning "The PostgreSQL test server did not start: $_"; $null }
    if ($pgConnection) { $env:PARTNERRELATIONSHIPS_TEST_POSTGRES = $pgConnection; Write-Host "   listening on $(($pgConnection -split ';')[0..1] -join ';')" }
    try {
        foreach ($suiteResult in @(
                if ($Suite -in 'All', 'Xunit') { Invoke-XunitTests }
                if ($Suite -in 'All', 'Pester') { Invoke-PesterTests })) {
            $passed += $suiteResult.Passed; $failed += $suiteResult.Failed; $skipped += $suiteResult.Skipped
        }
    }
    finally {
        Stop-TestPostgres -Root $pgRoot
        Remove-Item Env:PARTNERRELATIONSHIPS_TEST_POSTGRES -ErrorAction SilentlyContinue
    }
    $summary = "Tests: $passed passed, $failed failed"
    if ($skipped -gt 0) { $summary += ", $skipped skipped" }
    Write-Host ''
    Write-Output $summary
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Get-SandboxDll {
    return Join-Path $root "src/PartnerRelationships.Sandbox/bin/$Configuration/net10.0/PartnerRelationships.Sandbox.dll"
}

function Invoke-Sandbox {
    Invoke-Build
    Invoke-Native dotnet @((Get-SandboxDll), '--urls', $SandboxUrl)
}

function Invoke-Demo {
    Invoke-Build
    Invoke-Pwsh -NoProfile -File (Join-Path $root 'examples/demo.ps1') -ModulePath (Join-Path $moduleOut 'PartnerRelationships.psd1') -SandboxDll (Get-SandboxDll)
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    Invoke-Pwsh -NoProfile -File (Join-Path $root 'bench/Invoke-Benchmarks.ps1') -ModulePath (Join-Path $moduleOut 'PartnerRelationships.psd1') -Configuration $Configuration
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    Invoke-Build
    $zip = Join-Path $out "PartnerRelationships-$(Get-ModuleVersion).zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $moduleOut -DestinationPath $zip
    Write-Host "   package: $zip"
}

function Invoke-Clean {
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    Get-ChildItem $root -Recurse -Directory -Include 'bin', 'obj' | Remove-Item -Recurse -Force
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Bench' { Invoke-Bench }
    'Demo' { Invoke-Demo }
    'Sandbox' { Invoke-Sandbox }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
