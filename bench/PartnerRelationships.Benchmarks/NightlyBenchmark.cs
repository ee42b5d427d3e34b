using System.Diagnostics;
using System.Net.Http.Json;
using PartnerRelationships.Core.Adoption;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Reports;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// The nightly check at a large partner, against a sandbox started outside this process (so only the client's memory
/// is measured): optionally a check before adoption, then Import-PartnerRelationship's work into a fresh store, then the
/// compliance check under the sandbox's throttle of --rps R (every attempt counted; floor = accepted requests ÷ R),
/// then the three reports written to --reports. Peak working set is this process's, over all of it.
/// </summary>
internal static class NightlyBenchmark
{
    private const string Token = "sandbox-token";

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        var sandbox = new Uri(options.Get("sandbox", ""));
        var rps = options.GetInt("rps", 400);
        var reports = options.Get("reports", Path.Combine(Path.GetTempPath(), "pr-bench-nightly-" + Guid.NewGuid().ToString("n")));
        var before = options.Get("before", "false") == "true";

        // "all" in one process; "adopt" then "check" in two processes, so the check's peak memory is its own (adoption
        // is a one-time step, and a nightly run is a fresh process).
        var phase = options.Get("phase", "all");
        Directory.CreateDirectory(reports);
        SqliteNativeLibrary.Initialize(null);
        var storePath = Path.Combine(reports, "store.db");
        if (phase != "check")
        {
            File.Delete(storePath);
        }

        using var store = SqliteRelationshipStore.Open(storePath, TimeProvider.System);
        var results = new List<BenchResult>();
        using var control = new HttpClient { BaseAddress = sandbox };
        await SetThrottleAsync(control, 0);

        if (before && phase != "check")
        {
            var (beforeConnection, _) = Connect(sandbox);
            using (beforeConnection)
            {
                var watch = Stopwatch.StartNew();
                var result = await new ComplianceChecker(store, null, beforeConnection.GraphGdap, beforeConnection.PartnerCenter, new ComplianceSettings(), TimeProvider.System)
                    .RunAsync(new ComplianceCheckOptions { RecordRun = false });
                results.Add(new BenchResult("nightly-before-adoption", "ComplianceChecker before adoption (no throttle, not recorded)", result.Coverage.Customers, watch.Elapsed.TotalSeconds)
                {
                    Note = Counts(result),
                });
            }
        }

        if (phase != "check")
        {
            results.Add(await AdoptAsync(sandbox, store));
        }

        string? heap = null;
        if (phase != "adopt")
        {
            var sampler = new HeapSampler();
            results.AddRange(await CheckAsync(sandbox, store, control, rps, reports));
            await sampler.DisposeAsync();
            heap = $"managed heap during the check: at most {sampler.MaxBetweenCollectionsMb:N0} MB between collections, " +
                   $"{sampler.MaxAfterCollectionMb:N0} MB left by a collection, {sampler.MaxAfterFullCollectionMb:N0} MB left by a full (gen 2) collection, " +
                   $"large-object heap at most {sampler.MaxLargeObjectHeapMb:N0} MB; {sampler.PeaksAt} (the check starts about 1 s in)";
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // --wait-for-dump FILE: hold the process (and what it retains) until FILE exists, so a heap dump
        // (dotnet-gcdump collect -p PID) can show what is still held after the run.
        if (options.Get("wait-for-dump", "") is { Length: > 0 } resume)
        {
            Console.Error.WriteLine($"waiting for {resume} (process {Environment.ProcessId})");
            while (!File.Exists(resume))
            {
                await Task.Delay(500);
            }
        }
        results.Add(new BenchResult("nightly-memory", phase == "all" ? "adoption and the nightly check in one process" : $"the {phase} step in its own process",
            results.Max(r => r.Items), results.Sum(r => r.Seconds), Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0)
        {
            AllocatedMb = allocated / 1024.0 / 1024.0,
            RetainedMb = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0,
            Note = heap,
        });
        return results;
    }

    private static async Task<BenchResult> AdoptAsync(Uri sandbox, SqliteRelationshipStore store)
    {
        var (adoptConnection, _) = Connect(sandbox);
        using (adoptConnection)
        {

            var watch = Stopwatch.StartNew();
            var adoption = new RelationshipAdoptionService(store, adoptConnection.GraphGdap, adoptConnection.PartnerCenter, TimeProvider.System);
            var candidates = await adoption.FindAsync(null, null, CancellationToken.None);
            var adopted = 0;
            await foreach (var record in adoption.RecordAsync(candidates, null, CancellationToken.None))
            {
                if (record.Outcome == AdoptionOutcome.Adopted) adopted++;
            }

            return new BenchResult("nightly-adopt", "RelationshipAdoptionService (Import-PartnerRelationship), no throttle", adopted, watch.Elapsed.TotalSeconds)
            {
                Note = $"{candidates.Count} found, {adopted} recorded in batches of {RelationshipAdoptionService.BatchSize}",
            };
        }
    }

    private static async Task<IReadOnlyList<BenchResult>> CheckAsync(Uri sandbox, SqliteRelationshipStore store, HttpClient control, int rps, string reports)
    {
        var results = new List<BenchResult>();
        var timeline = new RequestTimeline();
        var (connection, handlers) = Connect(sandbox, timeline);
        using (connection)
        {
            await SetThrottleAsync(control, rps);
            var watch = Stopwatch.StartNew();
            timeline.Restart();
            var checker = new ComplianceChecker(store, store, connection.GraphGdap, connection.PartnerCenter, new ComplianceSettings(), TimeProvider.System);
            string note;
            ComplianceResult? result = null;
            var failed = 0;
            try
            {
                result = await checker.RunAsync(progress: HoldAtRulesEnd());
                note = Counts(result);
            }
            catch (Exception e)
            {
                note = "FAILED: " + e.GetType().Name + ": " + e.Message;
                failed++;
            }

            var elapsed = watch.Elapsed.TotalSeconds;
            await SetThrottleAsync(control, 0);
            var requests = handlers.Sum(h => h.Requests);
            var throttled = handlers.Sum(h => h.Throttled);
            var failedCalls = handlers.Sum(h => h.Failed);
            results.Add(new BenchResult("nightly-check", $"ComplianceChecker after adoption, concurrency {PartnerRelationships.Core.Compliance.Snapshot.ComplianceSnapshotCollector.DefaultMaxConcurrency}, throttle {rps} req/s",
                result?.Coverage.Customers ?? 0, elapsed)
            {
                Requests = requests,
                Throttled = throttled,
                FailedCalls = failedCalls + failed,
                FloorSeconds = (requests - throttled - failedCalls) / (double)rps,
                Note = note,
                Timeline = timeline.Describe(),
            });

            // --dump-after-check FILE: hold the process with the result still referenced until FILE exists (see --wait-for-dump).
            if (result is not null && Environment.GetEnvironmentVariable("PR_BENCH_DUMP_AFTER_CHECK") is { Length: > 0 } resume)
            {
                GC.Collect();
                Console.Error.WriteLine($"check done, live {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:N0} MB; waiting for {resume} (process {Environment.ProcessId})");
                while (!File.Exists(resume))
                {
                    await Task.Delay(500);
                }
            }

            if (result is not null)
            {
                watch.Restart();
                var files = ComplianceReportFiles.Plan(new[] { reports + Path.DirectorySeparatorChar }, null, result.CompletedAt);
                ComplianceReportFiles.WriteAll(result, files);
                var sizes = string.Join(", ", files.Select(f => $"{f.Format} {new FileInfo(f.Path).Length / 1024.0:N0} KB"));
                results.Add(new BenchResult("nightly-reports", "JSON, CSV and HTML reports written", result.Findings.Count, watch.Elapsed.TotalSeconds)
                {
                    Note = sizes + "; " + string.Join(" ", files.Select(f => f.Path)),
                });
            }
        }

        return results;
    }

    /// <summary>
    /// PR_BENCH_DUMP_AT_RULES_END=FILE: when the last rule has run (the snapshot and every finding still live), hold
    /// the check until FILE exists, for <c>dotnet-gcdump collect -p PID</c>. Null when unset.
    /// </summary>
    private static IProgress<ComplianceProgress>? HoldAtRulesEnd()
    {
        if (Environment.GetEnvironmentVariable("PR_BENCH_DUMP_AT_RULES_END") is not { Length: > 0 } resume)
        {
            return null;
        }

        return new InlineProgress<ComplianceProgress>(p =>
        {
            if (p.Phase == CompliancePhase.Rules && p.Completed == p.Total)
            {
                Console.Error.WriteLine($"rules done, heap {GC.GetTotalMemory(false) / 1024.0 / 1024.0:N0} MB; waiting for {resume} (process {Environment.ProcessId})");
                while (!File.Exists(resume))
                {
                    Thread.Sleep(500);
                }
            }
        });
    }

    private static string Counts(ComplianceResult result) =>
        $"{result.Findings.Count} findings ({result.CountOf(FindingSeverity.Error)} E, {result.CountOf(FindingSeverity.Warning)} W, {result.CountOf(FindingSeverity.Info)} I): " +
        string.Join(", ", result.Rules.Where(r => r.Count > 0).Select(r => $"{r.RuleId} {r.Count}")) +
        $"; {result.Coverage.Relationships} relationships, {result.Coverage.Invites} store records";

    private static async Task SetThrottleAsync(HttpClient control, int rps)
    {
        // A fresh bucket each time (off, then the rate), so no run inherits another's debt.
        (await control.PutAsJsonAsync("_sandbox/faults", new { throttleRps = 0 })).EnsureSuccessStatusCode();
        if (rps > 0)
        {
            (await control.PutAsJsonAsync("_sandbox/faults", new { throttleRps = rps })).EnsureSuccessStatusCode();
        }
    }

    private static (PartnerConnection Connection, List<CountingHandler> Handlers) Connect(Uri sandbox, RequestTimeline? timeline = null)
    {
        var handlers = new List<CountingHandler>();
        var connection = new PartnerConnection(
            new StaticAccessTokenCredential(Token),
            CloudEndpoints.Resolve(CloudEnvironment.Global, null, sandbox),
            new RetrySettings(),
            new PartnerConnectionOptions
            {
                TransportFactory = () =>
                {
                    var handler = new CountingHandler(timeline);
                    lock (handlers) handlers.Add(handler);
                    return handler;
                },
            });
        return (connection, handlers);
    }
}
