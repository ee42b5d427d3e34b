<#
.SYNOPSIS
    Runs the benchmarks and prints each figure beside the baseline measured in the same run.
.DESCRIPTION
    Run by `./build.ps1 Bench` (not part of the tests). Results are printed as a table and written to
    out/bench/results.json; bench/README.md records the figures with the machine they were measured on.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $Configuration = 'Release',
    # Which benchmarks to run (all by default).
    [ValidateSet('Import', 'Store', 'StoreWriters')]
    [string[]] $Name = @('Import', 'Store', 'StoreWriters'),
    [int] $ImportRuns = 15,
    [int] $StoreCount = 20000,
    [int] $WriterCount = 2500
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot
$outFolder = Join-Path $root 'out/bench'
New-Item -ItemType Directory $outFolder -Force | Out-Null
$benchDll = Join-Path $root "bench/PartnerRelationships.Benchmarks/bin/$Configuration/net10.0/PartnerRelationships.Benchmarks.dll"
$pwsh = @((Get-Process -Id $PID).Path)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }

function Invoke-Bench([string[]] $Arguments) {
    $lines = & dotnet $benchDll @Arguments
    if ($LASTEXITCODE -ne 0) { throw "benchmark $($Arguments -join ' ') failed ($LASTEXITCODE)" }
    return $lines | ForEach-Object { $_ | ConvertFrom-Json }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    return $sorted[[int][math]::Floor($sorted.Count / 2)]
}

# Fresh processes, interleaved so drift on a noisy machine hits both sides alike.
function Measure-Import {
    $bare = [System.Collections.Generic.List[double]]::new()
    $withModule = [System.Collections.Generic.List[double]]::new()
    $import = "Import-Module '$ModulePath'"
    foreach ($run in 1..$ImportRuns) {
        foreach ($case in 'bare', 'module') {
            $command = if ($case -eq 'bare') { 'exit 0' } else { "$import; exit 0" }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $command
            $elapsed = $watch.Elapsed.TotalMilliseconds
            if ($case -eq 'bare') { $bare.Add($elapsed) } else { $withModule.Add($elapsed) }
        }
    }
    $bareMedian = Get-Median $bare
    $moduleMedian = Get-Median $withModule
    [pscustomobject]@{
        Benchmark = 'import'; Subject = 'pwsh -Command Import-Module'; Baseline = 'pwsh -Command exit'
        Value = '{0:N0} ms' -f $moduleMedian; BaselineValue = '{0:N0} ms' -f $bareMedian
        Ratio = [math]::Round($moduleMedian / $bareMedian, 2); Note = 'module adds {0:N0} ms (median of {1}; target < 150 ms)' -f ($moduleMedian - $bareMedian), $ImportRuns
    }
}

function Measure-Store {
    $results = Invoke-Bench @('store', '--count', $StoreCount)
    foreach ($benchmark in 'store-record', 'store-query') {
        $raw = $results | Where-Object { $_.Benchmark -eq $benchmark -and $_.Subject -like 'raw*' }
        $ours = $results | Where-Object { $_.Benchmark -eq $benchmark -and $_.Subject -notlike 'raw*' }
        [pscustomobject]@{
            Benchmark = $benchmark; Subject = $ours.Subject; Baseline = $raw.Subject
            Value = '{0:N0}/s' -f $ours.ItemsPerSecond; BaselineValue = '{0:N0}/s' -f $raw.ItemsPerSecond
            Ratio = [math]::Round($ours.ItemsPerSecond / $raw.ItemsPerSecond, 2); Note = "$StoreCount invites; peak $([math]::Round($ours.PeakWorkingSetMb)) MB"
        }
    }
}

# 4 processes writing into one store at once, against one process writing the same number alone.
function Measure-StoreWriters {
    $folder = Join-Path $outFolder ("writers-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $folder | Out-Null
    $single = Join-Path $folder 'single.db'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = Invoke-Bench @('store-writer', '--path', $single, '--count', (4 * $WriterCount), '--prefix', 'single')
    $singleSeconds = $watch.Elapsed.TotalSeconds

    $shared = Join-Path $folder 'shared.db'
    $watch.Restart()
    $writers = 1..4 | ForEach-Object {
        Start-Process dotnet -ArgumentList $benchDll, 'store-writer', '--path', $shared, '--count', $WriterCount, '--prefix', "w$_" -PassThru -NoNewWindow -RedirectStandardOutput (Join-Path $folder "w$_.out")
    }
    $writers | Wait-Process
    $sharedSeconds = $watch.Elapsed.TotalSeconds
    $failed = @($writers | Where-Object ExitCode -ne 0).Count
    $total = 4 * $WriterCount
    [pscustomobject]@{
        Benchmark = 'store-4-writers'; Subject = '4 processes, one store'; Baseline = '1 process, same total'
        Value = '{0:N0}/s' -f ($total / $sharedSeconds); BaselineValue = '{0:N0}/s' -f ($total / $singleSeconds)
        Ratio = [math]::Round($singleSeconds / $sharedSeconds, 2); Note = "$total invites; failed writers: $failed"
    }
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}

$machine = '{0}, {1} cores, {2}' -f [Runtime.InteropServices.RuntimeInformation]::OSDescription, [Environment]::ProcessorCount, [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
Write-Host "Machine: $machine"
$rows = @(
    if ('Import' -in $Name) { Measure-Import }
    if ('Store' -in $Name) { Measure-Store }
    if ('StoreWriters' -in $Name) { Measure-StoreWriters }
)
$rows | Format-Table Benchmark, Subject, Value, Baseline, BaselineValue, Ratio, Note -AutoSize | Out-Host
[pscustomobject]@{ Machine = $machine; Date = (Get-Date).ToString('u'); Results = $rows } |
    ConvertTo-Json -Depth 4 | Set-Content (Join-Path $outFolder 'results.json')
