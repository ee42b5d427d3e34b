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
    # NightlyListing is the listing part of Nightly alone (no adoption or check): the directory and the cmdlet at each
    # of -NightlySizes against the raw loop, -ListingRuns rounds, with PowerShell's own per-object floor.
    [ValidateSet('Import', 'Store', 'StoreWriters', 'Listing', 'Throttled', 'Nightly', 'NightlyListing')]
    [string[]] $Name = @('Import', 'Store', 'StoreWriters', 'Listing', 'Throttled', 'Nightly'),
    [int] $ImportRuns = 15,
    # Store: invites recorded one fsynced transaction each, and the total queried (the rest seeded in one transaction).
    [int] $StoreCount = 20000,
    [int] $StoreQueryCount = 100000,
    [int] $WriterCount = 2500,
    # Listing: sandbox customers for throughput, and the small count memory is compared against.
    [int] $ListingCustomers = 10000,
    [int] $ListingSmallCustomers = 2000,
    [int] $ListingRuns = 3,
    # Throttled: sandbox customers and the throttle in requests per second.
    [int] $ThrottledCustomers = 2000,
    [int[]] $ThrottleRps = @(10, 20, 50),
    # Throttled: share of API calls the sandbox fails with 500/503 (the README's sandbox command uses 0.05).
    [double] $ThrottleFault5xx = 0.05,
    # Throttled: latency the sandbox adds to every call, so one-at-a-time pays a round trip per call as it would for real.
    [int] $ThrottleLatencyMs = 50,
    # Nightly: the partner sizes (sandbox customers) and the throttle; the first size is the memory baseline.
    [int[]] $NightlySizes = @(10000, 100000),
    [int] $NightlyRps = 400
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).Path
$root = Split-Path $PSScriptRoot
$outFolder = Join-Path $root 'out/bench'
New-Item -ItemType Directory $outFolder -Force | Out-Null
$benchDll = Join-Path $root "bench/PartnerRelationships.Benchmarks/bin/$Configuration/net10.0/PartnerRelationships.Benchmarks.dll"
$sandboxDll = Join-Path $root "src/PartnerRelationships.Sandbox/bin/$Configuration/net10.0/PartnerRelationships.Sandbox.dll"
$pwsh = @((Get-Process -Id $PID).Path)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }

function Invoke-Bench([string[]] $Arguments) {
    $lines = & dotnet $benchDll @Arguments
    if ($LASTEXITCODE -ne 0) { throw "benchmark $($Arguments -join ' ') failed ($LASTEXITCODE)" }
    return $lines | ForEach-Object { $_ | ConvertFrom-Json }
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    return $sorted[[int][math]::Floor($sorted.Count / 2)]
}

# Fresh processes, interleaved so drift on a noisy machine hits both sides alike. Two baselines: a bare start (the
# issue's), and the import of a minimal module (a manifest and an empty script module), which pays PowerShell's own
# first-Import-Module cost (its module, manifest and command-discovery code, JIT-compiled on first use under the
# IL-only `dotnet pwsh` tool) and nothing of ours: the difference to it is what this module's content costs.
# Each case gets its own cache folder (XDG_CACHE_HOME, Unix): PowerShell keeps a multicore-JIT startup profile there
# that the next start replays on a background thread, and a shared one would let each case pre-compile what the
# previous case (or any other pwsh on the machine) ran. One unmeasured start per case records its own profile first.
function Measure-Import {
    $minimal = Join-Path $outFolder 'import-baseline/MinimalModule'
    New-Item -ItemType Directory $minimal -Force | Out-Null
    Set-Content (Join-Path $minimal 'MinimalModule.psm1') -Value ''
    Set-Content (Join-Path $minimal 'MinimalModule.psd1') -Value "@{ RootModule = 'MinimalModule.psm1'; ModuleVersion = '1.0.0'; GUID = '0f2c51e4-6a7b-4c3d-9e8f-1a2b3c4d5e6f'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    $times = @{ bare = [System.Collections.Generic.List[double]]::new(); minimal = [System.Collections.Generic.List[double]]::new(); module = [System.Collections.Generic.List[double]]::new() }
    $commands = @{ bare = 'exit 0'; minimal = "Import-Module '$(Join-Path $minimal 'MinimalModule.psd1')'; exit 0"; module = "Import-Module '$ModulePath'; exit 0" }
    $cacheBefore = $env:XDG_CACHE_HOME
    try {
        foreach ($run in 0..$ImportRuns) {
            foreach ($case in 'bare', 'minimal', 'module') {
                $env:XDG_CACHE_HOME = Join-Path $outFolder "import-cache/$case"
                $watch = [Diagnostics.Stopwatch]::StartNew()
                & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $commands[$case]
                if ($run -gt 0) { $times[$case].Add($watch.Elapsed.TotalMilliseconds) }
            }
        }
    }
    finally { $env:XDG_CACHE_HOME = $cacheBefore }
    $bareMedian = Get-Median $times.bare
    $minimalMedian = Get-Median $times.minimal
    $moduleMedian = Get-Median $times.module
    [pscustomobject]@{
        Benchmark = 'import'; Subject = 'pwsh -Command Import-Module'; Baseline = 'pwsh -Command exit'
        Value = '{0:N0} ms' -f $moduleMedian; BaselineValue = '{0:N0} ms' -f $bareMedian
        Ratio = [math]::Round($moduleMedian / $bareMedian, 2); Note = 'module adds {0:N0} ms (median of {1}; target < 150 ms)' -f ($moduleMedian - $bareMedian), $ImportRuns
    }
    [pscustomobject]@{
        Benchmark = 'import-vs-minimal'; Subject = 'pwsh -Command Import-Module'; Baseline = 'pwsh -Command Import-Module <minimal module>'
        Value = '{0:N0} ms' -f $moduleMedian; BaselineValue = '{0:N0} ms' -f $minimalMedian
        Ratio = [math]::Round($moduleMedian / $minimalMedian, 2)
        Note = 'module content adds {0:N0} ms; any module import adds {1:N0} ms over a bare start (median of {2})' -f ($moduleMedian - $minimalMedian), ($minimalMedian - $bareMedian), $ImportRuns
    }
}

function Measure-Store {
    $results = Invoke-Bench @('store', '--count', $StoreCount, '--query-count', $StoreQueryCount)
    foreach ($benchmark in 'store-record', 'store-query', 'store-query-large') {
        $raw = $results | Where-Object { $_.Benchmark -eq $benchmark -and $_.Subject -like 'raw*' }
        $ours = $results | Where-Object { $_.Benchmark -eq $benchmark -and $_.Subject -notlike 'raw*' }
        if (-not $ours) { continue }
        $note = if ($benchmark -eq 'store-query-large') { "$($ours.Items) invites ($StoreCount recorded + the rest seeded in one transaction)" } else { "$($ours.Items) invites" }
        [pscustomobject]@{
            Benchmark = $benchmark; Subject = $ours.Subject; Baseline = $raw.Subject
            Value = '{0:N0}/s' -f $ours.ItemsPerSecond; BaselineValue = '{0:N0}/s' -f $raw.ItemsPerSecond
            Ratio = [math]::Round($ours.ItemsPerSecond / $raw.ItemsPerSecond, 2); Note = "$note; peak $([math]::Round($ours.PeakWorkingSetMb)) MB"
        }
    }
    # Status changes as sync writes them: batched against raw SQL doing the same batches, and against one transaction each.
    $changes = @($results | Where-Object Benchmark -eq 'store-change')
    $batched = $changes | Where-Object Subject -like '*TryChangeStatusesAsync*'
    if ($batched) {
        foreach ($baseline in ($changes | Where-Object Subject -like 'raw*'), ($changes | Where-Object Subject -like '*one transaction per change*')) {
            [pscustomobject]@{
                Benchmark = 'store-change'; Subject = $batched.Subject; Baseline = $baseline.Subject
                Value = '{0:N0}/s' -f $batched.ItemsPerSecond; BaselineValue = '{0:N0}/s' -f $baseline.ItemsPerSecond
                Ratio = [math]::Round($batched.ItemsPerSecond / $baseline.ItemsPerSecond, 2); Note = "$($batched.Items) changes"
            }
        }
    }
}

# The built sandbox as its own process (so its memory is never counted as the client's), seeded with generated
# customers: the tests' helper (tests/Pester/TestSandbox.psm1).
Import-Module (Join-Path $root 'tests/Pester/TestSandbox.psm1')
function Start-BenchSandbox([int] $Customers) { Start-TestSandbox -Dll $sandboxDll -Customers $Customers -Seed 1 -TimeoutSeconds 120 }

function Stop-BenchSandbox($Sandbox) { if ($Sandbox) { Stop-TestSandbox $Sandbox } }

# The raw loop compiled into a pwsh session (the benchmarks' own source, made public), and Get-RawCustomer: the same raw
# loop as a compiled cmdlet writing each customer (three strings) to the pipeline between pages, the least any cmdlet
# listing customers could do. Returns the source files' paths, quoted for Add-Type -Path in a generated script.
function Write-RawListerSource([string] $Folder) {
    $lister = (Get-Content -Raw (Join-Path $PSScriptRoot 'PartnerRelationships.Benchmarks/RawCustomerLister.cs')) -replace 'namespace PartnerRelationships\.Benchmarks;', '' -replace 'internal sealed class', 'public sealed class'
    $lister = "#nullable enable`nusing System; using System.IO; using System.Net.Http; using System.Threading.Tasks;`n" + $lister
    $cmdlet = @'
#nullable enable
using System;
using System.Collections.Generic;
using System.Management.Automation;

public sealed class RawCustomer
{
    public RawCustomer(string? id, string? name, string? domain) { Id = id; Name = name; Domain = domain; }
    public string? Id { get; }
    public string? Name { get; }
    public string? Domain { get; }
}

[Cmdlet(VerbsCommon.Get, "RawCustomer")]
public sealed class GetRawCustomerCommand : PSCmdlet
{
    [Parameter(Mandatory = true)] public Uri Sandbox { get; set; } = null!;

    protected override void EndProcessing()
    {
        using var lister = new RawCustomerLister(Sandbox, "sandbox-token");
        lister.CountRelationshipsAsync(null).GetAwaiter().GetResult();
        var page = new List<RawCustomer>(200);
        string? continuation = null;
        do
        {
            continuation = lister.ReadCustomerPageAsync(200, continuation, (id, name, domain) => page.Add(new RawCustomer(id, name, domain))).GetAwaiter().GetResult();
            foreach (var customer in page) { WriteObject(customer); }
            page.Clear();
        }
        while (continuation is not null);
    }
}
'@
    $paths = @((Join-Path $Folder 'RawCustomerLister.cs'), (Join-Path $Folder 'GetRawCustomerCommand.cs'))
    Set-Content -Path $paths[0] -Value $lister -Encoding utf8NoBOM
    Set-Content -Path $paths[1] -Value $cmdlet -Encoding utf8NoBOM
    return "'" + ($paths -join "', '") + "'"
}

# Get-RawCustomer | Measure-Object in a fresh pwsh, twice: the second call is the baseline for the cmdlet's second call
# in its own fresh session (both pay the runtime's warm-up of HTTP, JSON and PowerShell's pipeline code).
function Measure-RawPipelineListing($Sandbox) {
    $folder = Join-Path $outFolder ("raw-listing-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $folder | Out-Null
    try {
        $rawSources = Write-RawListerSource $folder
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path $rawSources -PassThru -ErrorAction Stop | Select-Object -First 1 | ForEach-Object { Import-Module `$_.Assembly }
`$seconds = foreach (`$pass in 1..2) {
    `$watch = [Diagnostics.Stopwatch]::StartNew()
    `$count = (Get-RawCustomer -Sandbox '$($Sandbox.Uri)' | Measure-Object).Count
    `$watch.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)
}
'{0} {1}' -f `$count, `$seconds[1]
"@
        $line = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script | Select-Object -Last 1
        if ($LASTEXITCODE -ne 0) { throw "Get-RawCustomer failed ($LASTEXITCODE): $line" }
    }
    finally { Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue }
    $count, $second = $line -split ' '
    return [pscustomobject]@{ Items = [int] $count; Seconds = [double]::Parse($second, [cultureinfo]::InvariantCulture) }
}

# Get-PartnerCustomer in a fresh pwsh, signed in with a client secret from an environment variable against the sandbox;
# only the listing is timed (import and start-up are the Import benchmark's business). Returns seconds and count.
function Measure-CmdletListing($Sandbox, [switch] $WithFloor) {
    $folder = Join-Path $outFolder ("listing-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $folder | Out-Null
    $config = Join-Path $folder 'partner.yaml'
    @"
partner:
  tenantId: 6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c
  mpnId: '1234567'
  name: Fabrikam Cloud Services
store:
  provider: sqlite
  path: $(Join-Path $folder 'store.db')
auth:
  mode: ClientSecret
  clientId: 00000000-0000-0000-0000-00000000a11c
  clientSecretVariable: PR_BENCH_SECRET
endpoints:
  graph: $($Sandbox.Uri)v1.0
  partnerCenter: $($Sandbox.Uri)
  login: $($Sandbox.Uri)
"@ | Set-Content -Path $config -Encoding utf8NoBOM
    $rawSources = Write-RawListerSource $folder
    $script = @"
`$ErrorActionPreference = 'Stop'
`$seconds = @()
`$rawSeconds = @()
`$pipelineSeconds = @()
Import-Module '$ModulePath'
Add-Type -Path $rawSources -PassThru -ErrorAction Stop | Select-Object -First 1 | ForEach-Object { Import-Module `$_.Assembly }
# Ten calls: the first pays the token request and JIT, the second is the row kept since the first figures (the runtime
# is still recompiling at tier 1 then: bench/README), and the last five (6 to 10) are the cmdlet warm, as the directory
# and the raw loop are timed (after a warm-up round in their process); calls 3 to 5, warm before, still JIT-compiled.
# Each call is followed by the raw loop in this session (relationships at the service's default page, then customers),
# once counting only and once writing each customer to the same Measure-Object as the cmdlet does (Get-RawCustomer).
foreach (`$pass in 1..10) {
    `$watch = [Diagnostics.Stopwatch]::StartNew()
    `$count = (Get-PartnerCustomer | Measure-Object).Count
    `$seconds += @(`$watch.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture))
    `$watch.Restart()
    `$raw = [RawCustomerLister]::new([uri]'$($Sandbox.Uri)', 'sandbox-token')
    `$null = `$raw.CountRelationshipsAsync(`$null).GetAwaiter().GetResult()
    `$rawCount = `$raw.CountCustomersAsync(200).GetAwaiter().GetResult()
    `$raw.Dispose()
    `$rawSeconds += @(`$watch.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture))
    `$watch.Restart()
    `$pipelineCount = (Get-RawCustomer -Sandbox '$($Sandbox.Uri)' | Measure-Object).Count
    `$pipelineSeconds += @(`$watch.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture))
    if (`$pipelineCount -ne `$rawCount) { throw "Get-RawCustomer wrote `$pipelineCount customers, the raw loop counted `$rawCount" }
}
`$floor = 0
if (`$$([bool] $WithFloor)) {
    # PowerShell's own cost: a compiled cmdlet writing the same objects one WriteObject each, to the same Measure-Object.
    Add-Type -TypeDefinition 'using System.Management.Automation; [Cmdlet("Write", "BenchObject")] public sealed class WriteBenchObjectCommand : PSCmdlet { [Parameter(Mandatory = true)] public object[] InputObject { get; set; } protected override void EndProcessing() { foreach (var o in InputObject) WriteObject(o); } }' -PassThru |
        Select-Object -First 1 | ForEach-Object { Import-Module `$_.Assembly }
    `$all = @(Get-PartnerCustomer)
    `$null = Write-BenchObject -InputObject `$all | Measure-Object
    `$watch = [Diagnostics.Stopwatch]::StartNew()
    `$null = Write-BenchObject -InputObject `$all | Measure-Object
    `$floor = `$watch.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)
}
'{0} {1} {2} {3} {4} {5} {6} {7}' -f `$count, `$seconds[0], `$seconds[1], `$floor, (`$seconds[5..9] -join ','), `$rawCount, (`$rawSeconds[5..9] -join ','), (`$pipelineSeconds[5..9] -join ',')
"@
    $env:PARTNERRELATIONSHIPS_CONFIG = $config
    $env:PR_BENCH_SECRET = 'sandbox-secret'
    try {
        $line = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script | Select-Object -Last 1
        if ($LASTEXITCODE -ne 0) { throw "Get-PartnerCustomer failed ($LASTEXITCODE): $line" }
    }
    finally {
        Remove-Item Env:PARTNERRELATIONSHIPS_CONFIG, Env:PR_BENCH_SECRET -ErrorAction SilentlyContinue
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }
    $count, $cold, $second, $floor, $warm, $rawCount, $rawWarm, $pipelineWarm = $line -split ' '
    return [pscustomobject]@{
        Items = [int] $count
        RawItems = [int] $rawCount
        RawWarmSeconds = Get-Median ($rawWarm -split ',' | ForEach-Object { [double]::Parse($_, [cultureinfo]::InvariantCulture) })   # the raw loop after calls 6 to 10, median
        PipelineWarmSeconds = Get-Median ($pipelineWarm -split ',' | ForEach-Object { [double]::Parse($_, [cultureinfo]::InvariantCulture) })   # Get-RawCustomer | Measure-Object after calls 6 to 10, median
        WarmSeconds = Get-Median ($warm -split ',' | ForEach-Object { [double]::Parse($_, [cultureinfo]::InvariantCulture) })   # calls 6 to 10, median
        FloorSeconds = [double]::Parse($floor, [cultureinfo]::InvariantCulture)   # -WithFloor: the same objects written by a trivial cmdlet
        ColdSeconds = [double]::Parse($cold, [cultureinfo]::InvariantCulture)   # first call: token request and JIT included
        Seconds = [double]::Parse($second, [cultureinfo]::InvariantCulture)     # second call in the same session
    }
}

function Measure-Listing {
    $large = Start-BenchSandbox $ListingCustomers
    $small = $null
    try {
        $results = Invoke-Bench @('listing', '--sandbox', $large.Uri, '--runs', $ListingRuns)
        $raw = $results | Where-Object Subject -eq 'raw HttpClient + System.Text.Json'
        $rawBoth = $results | Where-Object Subject -like 'raw*relationships then customers'
        $rawRelationships = $results | Where-Object Subject -like 'raw*relationships only'
        foreach ($ours in $results | Where-Object Subject -notlike 'raw*') {
            # Each is held against the raw loop reading the same pages: the directory reads GDAP relationships too.
            $base = if ($ours.Subject -like 'CustomerDirectory*') { $rawBoth } elseif ($ours.Subject -like '*Relationships*') { $rawRelationships } else { $raw }
            [pscustomobject]@{
                Benchmark = 'listing'; Subject = $ours.Subject; Baseline = $base.Subject
                Value = '{0:N0} items/s' -f $ours.ItemsPerSecond; BaselineValue = '{0:N0} items/s' -f $base.ItemsPerSecond
                Ratio = [math]::Round($ours.ItemsPerSecond / $base.ItemsPerSecond, 2)
                Note = "$($ours.Items) items vs $($base.Items) read raw; ratio to the customers-only raw loop {0:N2}; $($ours.Note); target >= 0.8" -f ($ours.ItemsPerSecond / $raw.ItemsPerSecond)
            }
        }

        # The cmdlet in fresh pwsh sessions, right after the in-process figures on the same sandbox; medians.
        $cmdlet = @(foreach ($run in 1..$ListingRuns) { Measure-CmdletListing $large })
        $cmdletSeconds = Get-Median ($cmdlet | ForEach-Object Seconds)
        $cmdletCold = Get-Median ($cmdlet | ForEach-Object ColdSeconds)
        $cmdletItems = $cmdlet[0].Items
        $cmdletRate = $cmdletItems / $cmdletSeconds
        [pscustomobject]@{
            Benchmark = 'listing-cmdlet'; Subject = 'Get-PartnerCustomer | Measure-Object (fresh pwsh, ClientSecret)'; Baseline = $rawBoth.Subject
            Value = '{0:N0} items/s' -f $cmdletRate; BaselineValue = '{0:N0} items/s' -f $rawBoth.ItemsPerSecond
            Ratio = [math]::Round($cmdletRate / $rawBoth.ItemsPerSecond, 2)
            Note = "$cmdletItems customers in {0:N2} s, second call in the session (the first, with the token request and JIT: {1:N2} s); median of $ListingRuns fresh pwsh; import excluded; ratio to the customers-only raw loop {2:N2}; target >= 0.8" -f $cmdletSeconds, $cmdletCold, ($cmdletRate / $raw.ItemsPerSecond)
        }

        # Memory: each size in its own fresh process, so peaks never mix.
        $small = Start-BenchSandbox $ListingSmallCustomers
        $memory = @{}
        foreach ($case in @(@{ Key = 'small'; Sandbox = $small }, @{ Key = 'large'; Sandbox = $large })) {
            $memory[$case.Key] = Invoke-Bench @('listing-memory', '--sandbox', $case.Sandbox.Uri, '--subject', 'directory')
        }
        $s = $memory.small; $l = $memory.large
        [pscustomobject]@{
            Benchmark = 'listing-memory'; Subject = "CustomerDirectory.ListAsync, peak working set at $($l.Items) customers"; Baseline = "the same at $($s.Items) customers"
            Value = '{0:N0} MB' -f $l.PeakWorkingSetMb; BaselineValue = '{0:N0} MB' -f $s.PeakWorkingSetMb
            Ratio = [math]::Round($l.PeakWorkingSetMb / $s.PeakWorkingSetMb, 2)
            Note = 'retained after a full GC {0:N1} MB vs {1:N1} MB; allocated {2:N0} MB vs {3:N0} MB; flat = ratio near 1.0 (5x the customers)' -f $l.RetainedMb, $s.RetainedMb, $l.AllocatedMb, $s.AllocatedMb
        }
    }
    finally {
        Stop-BenchSandbox $large
        Stop-BenchSandbox $small
    }
}

function Measure-Throttled {
    $results = Invoke-Bench @('throttled', '--customers', $ThrottledCustomers, '--rps', ($ThrottleRps -join ','), '--latency-ms', $ThrottleLatencyMs,
        '--fault-5xx', $ThrottleFault5xx.ToString([cultureinfo]::InvariantCulture), '--naive', 'false')
    foreach ($result in $results) {
        $throttledRun = $null -ne $result.FloorSeconds
        [pscustomobject]@{
            Benchmark = 'throttled'; Subject = $result.Subject
            Baseline = if ($throttledRun) { "floor = requests let through / $($result.Rps)" } else { '(no throttle: context, no ratio)' }
            Value = '{0:N2} s' -f $result.Seconds
            BaselineValue = if ($throttledRun) { '{0:N2} s' -f $result.FloorSeconds } else { '' }
            Ratio = if ($throttledRun -and $result.FloorSeconds -gt 0) { [math]::Round($result.Seconds / $result.FloorSeconds, 2) } else { $null }
            Note = "$($result.Items) invites, $ThrottledCustomers customers; $($result.Requests) requests, $($result.Throttled) answered 429 and retried, $($result.FailedCalls) answered 5xx or dropped and retried, $($result.FailedRuns) failed runs; $($result.Note)" + $(if ($throttledRun) { '; target <= 1.2' } else { '' })
        }
    }
}

# The nightly check at each size, each in a fresh bench process against its own sandbox process: adoption, then the
# throttled check against its floor, the reports' sizes, the peak memory; then Get-PartnerCustomer against the raw loop.
function Measure-Nightly {
    $peaks = @{}
    foreach ($size in $NightlySizes) {
        $sandbox = Start-BenchSandbox $size
        try {
            $reports = Join-Path $outFolder "nightly-$size"
            Remove-Item $reports -Recurse -Force -ErrorAction SilentlyContinue
            # The smallest size also runs the check before adoption, to show what adoption takes away.
            # Adoption, then the check in a fresh process (as a nightly run is), so the check's peak memory is its own.
            $arguments = @('nightly', '--sandbox', $sandbox.Uri, '--rps', $NightlyRps, '--reports', $reports, '--phase', 'adopt') + @(if ($size -eq $NightlySizes[0]) { '--before' })
            $results = @(Invoke-Bench $arguments | Where-Object Benchmark -NE 'nightly-memory') +
                @(Invoke-Bench @('nightly', '--sandbox', $sandbox.Uri, '--rps', $NightlyRps, '--reports', $reports, '--phase', 'check'))
            foreach ($result in $results) {
                switch ($result.Benchmark) {
                    'nightly-check' {
                        [pscustomobject]@{
                            Benchmark = 'nightly-check'; Subject = "$($result.Subject), $size customers"; Baseline = "floor = accepted requests / $NightlyRps"
                            Value = '{0:N1} s' -f $result.Seconds; BaselineValue = '{0:N1} s' -f $result.FloorSeconds
                            Ratio = [math]::Round($result.Seconds / $result.FloorSeconds, 2)
                            Note = "$($result.Requests) requests, $($result.Throttled) answered 429 and retried, $($result.FailedCalls) failed; $($result.Note); target <= 1.1"
                        }
                    }
                    'nightly-memory' { $peaks[$size] = $result }
                    default {
                        [pscustomobject]@{
                            Benchmark = $result.Benchmark; Subject = "$($result.Subject), $size customers"; Baseline = ''
                            Value = '{0:N1} s' -f $result.Seconds; BaselineValue = ''; Ratio = $null; Note = "$($result.Items) items; $($result.Note)"
                        }
                    }
                }
            }

            $listing = Invoke-Bench @('listing', '--sandbox', $sandbox.Uri, '--runs', 1)
            $rawBoth = $listing | Where-Object Subject -like 'raw*relationships then customers'
            # The directory's row and its diagnosis over the lists replayed from memory (join and mapping only).
            $directory = @($listing | Where-Object Subject -like 'CustomerDirectory*')
            $cmdlet = Measure-CmdletListing $sandbox
            foreach ($ours in @(
                    $directory | ForEach-Object { [pscustomobject]@{ Subject = $_.Subject; Rate = $_.ItemsPerSecond; Items = $_.Items; Seconds = $_.Seconds } }
                    [pscustomobject]@{ Subject = 'Get-PartnerCustomer | Measure-Object (fresh pwsh, second call)'; Rate = $cmdlet.Items / $cmdlet.Seconds; Items = $cmdlet.Items; Seconds = $cmdlet.Seconds }
                    [pscustomobject]@{ Subject = 'Get-PartnerCustomer | Measure-Object (fresh pwsh, warm: median of calls 6 to 10)'; Rate = $cmdlet.Items / $cmdlet.WarmSeconds; Items = $cmdlet.Items; Seconds = $cmdlet.WarmSeconds })) {
                [pscustomobject]@{
                    Benchmark = 'nightly-listing'; Subject = "$($ours.Subject), $size customers"; Baseline = $rawBoth.Subject
                    Value = '{0:N0} items/s' -f $ours.Rate; BaselineValue = '{0:N0} items/s' -f $rawBoth.ItemsPerSecond
                    Ratio = [math]::Round($ours.Rate / $rawBoth.ItemsPerSecond, 2)
                    Note = "$($ours.Items) items in {0:N2} s; target >= 0.9" -f $ours.Seconds
                }
            }

            Get-SessionListingRow @($cmdlet) $size
            Get-FreshListingRow @($cmdlet) $sandbox $size
        }
        finally { Stop-BenchSandbox $sandbox }
    }

    $small = $peaks[$NightlySizes[0]]
    foreach ($size in $NightlySizes | Select-Object -Skip 1) {
        $large = $peaks[$size]
        [pscustomobject]@{
            Benchmark = 'nightly-memory'; Subject = "the whole nightly run, peak working set at $size customers"; Baseline = "the same at $($NightlySizes[0]) customers"
            Value = '{0:N0} MB' -f $large.PeakWorkingSetMb; BaselineValue = '{0:N0} MB' -f $small.PeakWorkingSetMb
            Ratio = [math]::Round($large.PeakWorkingSetMb / $small.PeakWorkingSetMb, 2)
            Note = 'allocated {0:N0} MB vs {1:N0} MB; retained after a full GC {2:N1} MB vs {3:N1} MB; target <= 2' -f $large.AllocatedMb, $small.AllocatedMb, $large.RetainedMb, $small.RetainedMb
        }
    }
}

# The cmdlet warm against the raw loop run right after each call in the same pwsh session (same process, runtime and
# heap; -ListingRuns sessions, each the median of calls 6 to 10): once against the loop that only counts, once against
# Get-RawCustomer, the same loop writing each customer to the same Measure-Object (equal output).
function Get-SessionListingRow($Cmdlet, [int] $Size) {
    $cmdletRates = @($Cmdlet | ForEach-Object { $_.Items / $_.WarmSeconds })
    $baselines = @(
        @{ Property = 'RawWarmSeconds'; Name = 'raw loop'; Against = 'the raw loop'
            Baseline = 'raw HttpClient + System.Text.Json, GDAP relationships then customers, in the same session after each call'
            Aside = "; the raw loop only counts, the cmdlet also hands each customer to PowerShell's pipeline" }
        @{ Property = 'PipelineWarmSeconds'; Name = 'Get-RawCustomer'; Against = "the raw loop's cmdlet"
            Baseline = 'Get-RawCustomer | Measure-Object: the raw loop writing each customer to the pipeline, in the same session after each call'
            Aside = '' })
    foreach ($base in $baselines) {
        $baseRates = @($Cmdlet | ForEach-Object { $_.RawItems / $_.($base.Property) })
        $ratios = @(for ($i = 0; $i -lt $Cmdlet.Count; $i++) { $cmdletRates[$i] / $baseRates[$i] })
        [pscustomobject]@{
            Benchmark = 'nightly-listing'; Subject = "Get-PartnerCustomer | Measure-Object (warm), $Size customers, vs $($base.Against) in the same pwsh session"
            Baseline = $base.Baseline
            Value = '{0:N0} items/s' -f (Get-Median $cmdletRates); BaselineValue = '{0:N0} items/s' -f (Get-Median $baseRates)
            Ratio = [math]::Round((Get-Median $ratios), 2)
            Note = "ratio per session (median of calls 6 to 10 each): {0}; cmdlet {1} items in {2} s, {3} {4} items in {5} s{6}; target >= 0.9" -f (($ratios | ForEach-Object { '{0:N2}' -f $_ }) -join ' '), $Cmdlet[0].Items, (($Cmdlet | ForEach-Object { '{0:N2}' -f $_.WarmSeconds }) -join ' '), $base.Name, $Cmdlet[0].RawItems, (($Cmdlet | ForEach-Object { '{0:N2}' -f $_.($base.Property) }) -join ' '), $base.Aside
        }
    }
}

# The cmdlet's second call in a fresh pwsh against the raw loop's cmdlet's second call in its own fresh pwsh
# (-ListingRuns sessions each, medians).
function Get-FreshListingRow($Cmdlet, $Sandbox, [int] $Size) {
    $raw = @(foreach ($run in 1..$Cmdlet.Count) { Measure-RawPipelineListing $Sandbox })
    $seconds = Get-Median ($Cmdlet | ForEach-Object Seconds)
    $rawSeconds = Get-Median ($raw | ForEach-Object Seconds)
    [pscustomobject]@{
        Benchmark = 'nightly-listing'; Subject = "Get-PartnerCustomer | Measure-Object (fresh pwsh, second call), $Size customers, vs the raw loop's cmdlet the same way"
        Baseline = 'Get-RawCustomer | Measure-Object, second call of its own fresh pwsh'
        Value = '{0:N0} items/s' -f ($Cmdlet[0].Items / $seconds); BaselineValue = '{0:N0} items/s' -f ($raw[0].Items / $rawSeconds)
        Ratio = [math]::Round(($Cmdlet[0].Items / $seconds) / ($raw[0].Items / $rawSeconds), 2)
        Note = "cmdlet {0} items in {1} s, Get-RawCustomer {2} items in {3} s (medians of {4} sessions each); target >= 0.9" -f $Cmdlet[0].Items, (($Cmdlet | ForEach-Object { '{0:N2}' -f $_.Seconds }) -join ' '), $raw[0].Items, (($raw | ForEach-Object { '{0:N2}' -f $_.Seconds }) -join ' '), $Cmdlet.Count
    }
}

# Issue 17's listing rows alone (no adoption or check): at each size, the raw loop, the directory and its in-memory
# diagnosis in one bench process (-ListingRuns rounds after a warm-up, medians), then the cmdlet in -ListingRuns fresh
# pwsh sessions with PowerShell's per-object floor (a trivial cmdlet writing the same objects to Measure-Object).
function Measure-NightlyListing {
    foreach ($size in $NightlySizes) {
        $sandbox = Start-BenchSandbox $size
        try {
            $listing = Invoke-Bench @('listing', '--sandbox', $sandbox.Uri, '--runs', $ListingRuns, '--subjects', 'directory')
            $rawBoth = $listing | Where-Object Subject -like 'raw*relationships then customers'
            foreach ($ours in $listing | Where-Object Subject -like 'CustomerDirectory*') {
                [pscustomobject]@{
                    Benchmark = 'nightly-listing'; Subject = "$($ours.Subject), $size customers"; Baseline = $rawBoth.Subject
                    Value = '{0:N0} items/s' -f $ours.ItemsPerSecond; BaselineValue = '{0:N0} items/s' -f $rawBoth.ItemsPerSecond
                    Ratio = [math]::Round($ours.ItemsPerSecond / $rawBoth.ItemsPerSecond, 2)
                    Note = "$($ours.Items) items in {0:N2} s vs $($rawBoth.Items) in {1:N2} s; $($ours.Note); target >= 0.9" -f $ours.Seconds, $rawBoth.Seconds
                }
            }

            $cmdlet = @(foreach ($run in 1..$ListingRuns) { Measure-CmdletListing $sandbox -WithFloor })
            $floor = Get-Median ($cmdlet | ForEach-Object FloorSeconds)
            $items = $cmdlet[0].Items
            foreach ($call in @(@{ Name = 'second call'; Property = 'Seconds' }, @{ Name = 'warm: median of calls 6 to 10'; Property = 'WarmSeconds' })) {
                $seconds = Get-Median ($cmdlet | ForEach-Object $call.Property)
                [pscustomobject]@{
                    Benchmark = 'nightly-listing'; Subject = "Get-PartnerCustomer | Measure-Object (fresh pwsh, $($call.Name)), $size customers"; Baseline = $rawBoth.Subject
                    Value = '{0:N0} items/s' -f ($items / $seconds); BaselineValue = '{0:N0} items/s' -f $rawBoth.ItemsPerSecond
                    Ratio = [math]::Round(($items / $seconds) / $rawBoth.ItemsPerSecond, 2)
                    Note = "$items items in {0:N2} s (runs: {1}); PowerShell's floor, a trivial cmdlet writing the same $items objects to Measure-Object: {2:N2} s (runs: {3}); median of $ListingRuns fresh pwsh; target >= 0.9" -f $seconds, (($cmdlet | ForEach-Object { '{0:N2}' -f $_.($call.Property) }) -join ' '), $floor, (($cmdlet | ForEach-Object { '{0:N2}' -f $_.FloorSeconds }) -join ' ')
                }
            }

            Get-SessionListingRow $cmdlet $size
            Get-FreshListingRow $cmdlet $sandbox $size

        }
        finally { Stop-BenchSandbox $sandbox }
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
    if ('Listing' -in $Name) { Measure-Listing }
    if ('Throttled' -in $Name) { Measure-Throttled }
    if ('Nightly' -in $Name) { Measure-Nightly }
    if ('NightlyListing' -in $Name) { Measure-NightlyListing }
)
$rows | Format-Table Benchmark, Subject, Value, Baseline, BaselineValue, Ratio, Note -Wrap | Out-Host
[pscustomobject]@{ Machine = $machine; Date = (Get-Date).ToString('u'); Results = $rows } |
    ConvertTo-Json -Depth 4 | Set-Content (Join-Path $outFolder 'results.json')
