using System.Diagnostics;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// Work under a throttled service: InviteSyncService and ComplianceChecker over --customers sandbox customers with the
/// sandbox limiting API calls to --rps R per second. Every attempt is counted on the wire; the floor is the accepted
/// requests ÷ R (no client could finish sooner), and the figure is elapsed ÷ floor. Each runs as the cmdlets run it
/// (their default concurrency and the default retry settings) and beside it one at a time (concurrency 1).
/// </summary>
internal static class ThrottledBenchmark
{
    private const string Token = "sandbox-token";

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        var customers = options.GetInt("customers", 2_000);
        // Several rates in one run ("10,20,50"); each measured with the 5xx faults asked for (README: --fault-5xx 0.05).
        var rates = options.Get("rps", "50").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
        var latency = options.GetInt("latency-ms", 0);
        var fault5xx = double.Parse(options.Get("fault-5xx", "0"), System.Globalization.CultureInfo.InvariantCulture);
        // --naive false: skip the one-at-a-time rows (context only, and slow at low rates).
        var naive = !string.Equals(options.Get("naive", "true"), "false", StringComparison.OrdinalIgnoreCase);
        var folder = Path.Combine(Path.GetTempPath(), "pr-bench-throttled-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        SqliteNativeLibrary.Initialize(null);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedCustomers = customers, Seed = 1 });
        var template = Path.Combine(folder, "template.db");
        var invites = await SeedInvitesAsync(template, sandbox);

        var results = new List<BenchResult>();
        // First unthrottled at the default concurrency: it warms the JIT and shows what the work costs without a limit.
        foreach (var (concurrency, limit) in Runs(4, rates, naive))
        {
            results.Add(await MeasureAsync(sandbox, limit, latency, fault5xx, $"InviteSyncService (concurrency {concurrency})", invites, async (connection, _) =>
            {
                var path = CopyOf(template, folder);
                using var store = SqliteRelationshipStore.Open(path, TimeProvider.System);
                var sync = new InviteSyncService(store, connection.GraphGdap, connection.PartnerCenter, TimeProvider.System);
                var transitions = 0;
                // The first "checked" report comes after the remote lists are read and the first batch is written:
                // what is left after it is the store's share.
                var watch = Stopwatch.StartNew();
                double? listsRead = null;
                var progress = new InlineProgress<WorkProgress>(p => { if (p.Current > 0) listsRead ??= watch.Elapsed.TotalSeconds; });
                await foreach (var transition in sync.SyncAsync(new InviteSyncOptions { MaxConcurrency = concurrency }, progress))
                {
                    transitions++;
                }

                return $"{transitions} transitions; remote lists read (and the first batch written) after {listsRead:0.00} s of {watch.Elapsed.TotalSeconds:0.00} s";
            }));
        }

        foreach (var (concurrency, limit) in Runs(ComplianceSnapshotCollectorDefault, rates, naive))
        {
            results.Add(await MeasureAsync(sandbox, limit, latency, fault5xx, $"ComplianceChecker (concurrency {concurrency})", invites, async (connection, _) =>
            {
                var path = CopyOf(template, folder);
                using var store = SqliteRelationshipStore.Open(path, TimeProvider.System);
                var checker = new ComplianceChecker(store, store, connection.GraphGdap, connection.PartnerCenter, new ComplianceSettings(), TimeProvider.System, maxConcurrency: concurrency);
                var result = await checker.RunAsync();
                return $"{result.Findings.Count} findings";
            }));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        return results;
    }

    /// <summary>Unthrottled first (warms the JIT, shows the work without a limit), then each rate at the default concurrency and, if asked, one at a time.</summary>
    private static IEnumerable<(int Concurrency, int Rps)> Runs(int defaultConcurrency, IReadOnlyList<int> rates, bool naive)
    {
        yield return (defaultConcurrency, 0);
        foreach (var rate in rates)
        {
            yield return (defaultConcurrency, rate);
            if (naive)
            {
                yield return (1, rate);
            }
        }
    }

    // Test-PartnerCompliance's default -ThrottleLimit.
    private const int ComplianceSnapshotCollectorDefault = PartnerRelationships.Core.Compliance.Snapshot.ComplianceSnapshotCollector.DefaultMaxConcurrency;

    /// <summary>
    /// One pending reseller invite per seeded customer (named as the customer, so sync finds it accepted), and one
    /// granular invite per seeded relationship that has a customer (sync and compliance follow it).
    /// </summary>
    private static async Task<int> SeedInvitesAsync(string path, SandboxServer sandbox)
    {
        using var store = SqliteRelationshipStore.Open(path, TimeProvider.System);
        var now = DateTimeOffset.UtcNow.AddDays(-20);
        var count = 0;
        foreach (var customer in sandbox.State.Customers)
        {
            await store.AddInviteAsync(new ResellerInvite
            {
                Id = Guid.NewGuid(),
                Kind = InviteKind.Reseller,
                CustomerName = customer.CompanyName,
                CustomerEmail = "admin@" + customer.Domain,
                Status = InviteStatus.Pending,
                CreatedAt = now,
                StatusChangedAt = now,
                Link = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1234567",
                Subject = "Reseller relationship request",
                Body = "Please accept.",
            });
            count++;
        }

        foreach (var relationship in sandbox.State.Relationships.Where(r => r.CustomerTenantId is not null))
        {
            await store.AddInviteAsync(new ResellerInvite
            {
                Id = Guid.NewGuid(),
                Kind = InviteKind.GranularAdmin,
                CustomerName = relationship.CustomerDisplayName ?? relationship.DisplayName,
                CustomerEmail = "admin@granular.example",
                CustomerTenantId = relationship.CustomerTenantId,
                Status = InviteStatus.Pending,
                CreatedAt = now,
                StatusChangedAt = now,
                Link = "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/" + relationship.Id,
                Subject = "Granular admin relationship request",
                Body = "Please approve.",
                RelationshipId = relationship.Id,
                RelationshipDisplayName = relationship.DisplayName,
            });
            count++;
        }

        return count;
    }

    private static async Task<BenchResult> MeasureAsync(SandboxServer sandbox, int rps, int latency, double fault5xx, string subject, int invites, Func<PartnerConnection, CancellationToken, Task<string>> work)
    {
        var handlers = new List<CountingHandler>();
        using var connection = new PartnerConnection(
            new StaticAccessTokenCredential(Token),
            CloudEndpoints.Resolve(CloudEnvironment.Global, null, sandbox.BaseAddress),
            new RetrySettings(),
            new PartnerConnectionOptions { TransportFactory = () => Counted(handlers) });

        // A fresh bucket per run (setting the faults again), so no run inherits another's debt or savings.
        sandbox.Faults.Settings = FaultSettings.None;
        sandbox.Faults.Settings = new FaultSettings { ThrottleRequestsPerSecond = rps, LatencyMilliseconds = latency, ServerErrorProbability = rps > 0 ? fault5xx : 0 }; // 0 = no throttle
        var watch = Stopwatch.StartNew();
        string note;
        var failed = 0;
        try
        {
            note = await work(connection, CancellationToken.None);
        }
        catch (Exception ex)
        {
            note = "FAILED: " + ex.GetType().Name + ": " + ex.Message;
            failed++;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        sandbox.Faults.Settings = FaultSettings.None;
        // The Graph and Partner Center clients each made one handler.
        var requests = handlers.Sum(h => h.Requests);
        var throttled = handlers.Sum(h => h.Throttled);
        var failedCalls = handlers.Sum(h => h.Failed);
        // Every attempt the throttle let through costs a token, a 5xx included (the sandbox throttles before it fails).
        double? floor = rps > 0 ? (requests - throttled) / (double)rps : null;
        return new BenchResult("throttled", subject, invites, elapsed)
        {
            Requests = requests,
            Throttled = throttled,
            FailedCalls = failedCalls,
            FailedRuns = failed,
            FloorSeconds = floor,
            Rps = rps,
            Note = (rps > 0 ? $"throttle {rps} req/s, {fault5xx:P0} 5xx" : "no throttle") + $"; {latency} ms latency per call; " + note,
        };
    }

    private static CountingHandler Counted(List<CountingHandler> handlers)
    {
        var handler = new CountingHandler();
        lock (handlers)
        {
            handlers.Add(handler);
        }

        return handler;
    }

    private static string CopyOf(string template, string folder)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("n") + ".db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(template, path);
        return path;
    }
}
