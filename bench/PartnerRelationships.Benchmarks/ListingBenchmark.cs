using System.Diagnostics;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// Listing the partner's customers: the product (PartnerCenterClient.ListCustomersAsync, and CustomerDirectory.ListAsync,
/// which Get-PartnerCustomer runs) through the real PartnerConnection and resilience pipeline, against a raw HttpClient +
/// System.Text.Json loop reading the same pages. Against a sandbox given by --sandbox (a separate process, so its memory
/// is not counted) or, without it, one started in-process with --customers.
/// </summary>
internal static class ListingBenchmark
{
    private const string Token = "sandbox-token";

    /// <summary>`listing`: throughput, the three subjects interleaved over --runs rounds after one warm-up round; medians.</summary>
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        var pageSize = options.GetInt("page-size", 200);
        var runs = options.GetInt("runs", 3);
        await using var sandbox = await SandboxFor(options);
        var uri = sandbox?.BaseAddress ?? new Uri(options.Get("sandbox", ""));

        var subjects = new (string Name, Func<Task<int>> Run)[]
        {
            ("raw HttpClient + System.Text.Json", () => RawAsync(uri, pageSize)),
            ("raw HttpClient + System.Text.Json, GDAP relationships then customers", () => RawWithRelationshipsAsync(uri, pageSize)),
            ("PartnerCenterClient.ListCustomersAsync", () => PartnerCenterAsync(uri, pageSize)),
            ("CustomerDirectory.ListAsync (Get-PartnerCustomer's core)", () => DirectoryAsync(uri, pageSize)),
            // Where the directory's time goes: its first half alone, raw and through GraphGdapClient (the Graph SDK).
            ("raw HttpClient + System.Text.Json, GDAP relationships only", () => RawRelationshipsAsync(uri)),
            ("GraphGdapClient.ListRelationshipsAsync", () => GraphGdapRelationshipsAsync(uri)),
            // Diagnosis, not a baseline: the raw loop on the pages the Graph GDAP client now asks for ($top=300, not the default 100).
            ("raw HttpClient + System.Text.Json, GDAP relationships at $top=300 (diagnosis: the gateway's pages)", () => RawRelationshipsAsync(uri, 300)),
            // Diagnosis: the directory's own join and mapping, over the same lists read once and replayed from memory.
            (ReplayedSubject, () => ReplayedDirectoryAsync(uri, pageSize)),
        };
        // --subjects directory: only what the issue-17 listing rows need (the raw loop, the directory, its diagnosis).
        if (options.Get("subjects", "all") == "directory")
        {
            subjects = subjects.Where(s => s.Name.Contains("relationships then customers") || s.Name.StartsWith("CustomerDirectory") || s.Name == ReplayedSubject).ToArray();
        }

        var seconds = subjects.Select(_ => new List<double>()).ToArray();
        var items = new int[subjects.Length];
        for (var round = 0; round <= runs; round++)
        {
            for (var s = 0; s < subjects.Length; s++)
            {
                var watch = Stopwatch.StartNew();
                items[s] = await subjects[s].Run();
                if (round > 0)
                {
                    seconds[s].Add(watch.Elapsed.TotalSeconds); // Round 0 is the warm-up (JIT, connections).
                }
            }
        }

        return subjects.Select((subject, s) => new BenchResult("listing", subject.Name, items[s], Median(seconds[s]))
        {
            Note = $"page size {pageSize}; median of {runs} after a warm-up",
        }).ToList();
    }

    /// <summary>`listing-memory --subject raw|directory`: one listing in this (fresh) process; peak working set, allocated, retained.</summary>
    public static async Task<IReadOnlyList<BenchResult>> RunMemoryAsync(BenchOptions options)
    {
        var pageSize = options.GetInt("page-size", 200);
        var subject = options.Get("subject", "directory");
        var uri = new Uri(options.Get("sandbox", ""));
        var watch = Stopwatch.StartNew();
        var items = subject == "raw" ? await RawAsync(uri, pageSize) : await DirectoryAsync(uri, pageSize);
        var elapsed = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        return new[]
        {
            new BenchResult("listing-memory", subject, items, elapsed, Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0)
            {
                AllocatedMb = allocated / 1024.0 / 1024.0,
                RetainedMb = retained / 1024.0 / 1024.0,
            },
        };
    }

    private static async Task<SandboxServer?> SandboxFor(BenchOptions options)
    {
        if (options.Get("sandbox", "") != "")
        {
            return null;
        }

        return await SandboxServer.StartAsync(new SandboxOptions { SeedCustomers = options.GetInt("customers", 10_000), Seed = 1 });
    }

    private static async Task<int> RawAsync(Uri sandbox, int pageSize)
    {
        using var raw = new RawCustomerLister(sandbox, Token);
        return await raw.CountCustomersAsync(pageSize);
    }

    // What CustomerDirectory reads, raw: every granular relationship page, then every customer page (items = customers).
    private static async Task<int> RawWithRelationshipsAsync(Uri sandbox, int pageSize)
    {
        using var raw = new RawCustomerLister(sandbox, Token);
        _ = await raw.CountRelationshipsAsync();
        return await raw.CountCustomersAsync(pageSize);
    }

    private static async Task<int> RawRelationshipsAsync(Uri sandbox, int? top = null)
    {
        using var raw = new RawCustomerLister(sandbox, Token);
        return await raw.CountRelationshipsAsync(top);
    }

    private static async Task<int> GraphGdapRelationshipsAsync(Uri sandbox)
    {
        using var connection = Connect(sandbox);
        var count = 0;
        await foreach (var relationship in connection.GraphGdap.ListRelationshipsAsync())
        {
            if (!string.IsNullOrWhiteSpace(relationship.CustomerTenantId))
            {
                count++;
            }
        }

        return count;
    }

    private static async Task<int> PartnerCenterAsync(Uri sandbox, int pageSize)
    {
        using var connection = Connect(sandbox);
        var count = 0;
        await foreach (var _ in connection.PartnerCenter.ListCustomersAsync(pageSize))
        {
            count++;
        }

        return count;
    }

    private static async Task<int> DirectoryAsync(Uri sandbox, int pageSize)
    {
        using var connection = Connect(sandbox);
        var directory = new CustomerDirectory(connection.GraphGdap, connection.PartnerCenter);
        var count = 0;
        await foreach (var _ in directory.ListAsync(new PartnerCustomerQuery { PageSize = pageSize }))
        {
            count++;
        }

        return count;
    }

    private const string ReplayedSubject = "CustomerDirectory.ListAsync over the lists replayed from memory (diagnosis: join and mapping only)";

    private static (IReadOnlyList<DelegatedAdminRelationshipInfo> Relationships, IReadOnlyList<PartnerCustomerInfo> Customers)? _replayed;

    private static async Task<int> ReplayedDirectoryAsync(Uri sandbox, int pageSize)
    {
        if (_replayed is null)
        {
            using var connection = Connect(sandbox);
            var relationships = new List<DelegatedAdminRelationshipInfo>();
            await foreach (var r in connection.GraphGdap.ListRelationshipsAsync()) relationships.Add(r);
            var customers = new List<PartnerCustomerInfo>();
            await foreach (var c in connection.PartnerCenter.ListCustomersAsync(pageSize)) customers.Add(c);
            _replayed = (relationships, customers);
            return customers.Count; // The read is the warm-up round's; later rounds time the directory alone.
        }

        var (graphGdap, partnerCenter) = ReplayedLists.Of(_replayed.Value.Relationships, _replayed.Value.Customers);
        var count = 0;
        await foreach (var _ in new CustomerDirectory(graphGdap, partnerCenter).ListAsync(new PartnerCustomerQuery { PageSize = pageSize }))
        {
            count++;
        }

        return count;
    }

    private static PartnerConnection Connect(Uri sandbox) => new(
        new StaticAccessTokenCredential(Token),
        CloudEndpoints.Resolve(CloudEnvironment.Global, null, sandbox),
        new RetrySettings());

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
