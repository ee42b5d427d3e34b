using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using Microsoft.Extensions.Time.Testing;

namespace PartnerRelationships.Core.Tests.Compliance;

[Collection(SqliteCollection.Name)]
public sealed class ComplianceRunStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly SqliteRelationshipStore _store;

    public ComplianceRunStoreTests() => _store = SqliteRelationshipStore.Open(_folder.File("runs.db"), new FakeTimeProvider(T0));

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_run_round_trips_with_counts_and_keys()
    {
        var recorded = await _store.AddComplianceRunAsync(
            new ComplianceRunRecord
            {
                StartedAt = T0,
                CompletedAt = T0.AddMinutes(2),
                Scope = "",
                Rules = new[] { "PR001", "PR004" },
                FindingCount = 3,
                Counts = new[] { new ComplianceRunCount("PR001", "Warning", 2), new ComplianceRunCount("PR004", "Error", 1) },
            },
            new[] { "PR001:invite/a", "PR001:invite/b", "PR004:relationship/c" });

        Assert.True(recorded.Id > 0);
        var latest = Assert.Single(await _store.GetLatestComplianceRunsAsync("", 5));
        Assert.Equal(recorded.Id, latest.Id);
        Assert.Equal(T0, latest.StartedAt);
        Assert.Equal(T0.AddMinutes(2), latest.CompletedAt);
        Assert.Equal(new[] { "PR001", "PR004" }, latest.Rules);
        Assert.Equal(3, latest.FindingCount);
        Assert.Equal(new[] { new ComplianceRunCount("PR001", "Warning", 2), new ComplianceRunCount("PR004", "Error", 1) }, latest.Counts);
        Assert.Equal(
            new[] { "PR001:invite/a", "PR001:invite/b", "PR004:relationship/c" },
            (await _store.GetComplianceRunFindingKeysAsync(recorded.Id)).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Empty(await _store.GetLatestComplianceRunsAsync("customer=delta*", 5));
    }

    [Fact]
    public async Task Only_the_latest_runs_of_a_scope_keep_their_keys()
    {
        var ids = new List<long>();
        for (var i = 0; i < ComplianceRunRetention.KeptKeySetsPerScope + 2; i++)
        {
            ids.Add((await AddAsync("", i, "PR001:invite/" + i)).Id);
        }

        var other = await AddAsync("customer=x", 99, "PR001:invite/other");

        Assert.Empty(await _store.GetComplianceRunFindingKeysAsync(ids[0]));
        Assert.Empty(await _store.GetComplianceRunFindingKeysAsync(ids[1]));
        Assert.Equal(new[] { "PR001:invite/2" }, await _store.GetComplianceRunFindingKeysAsync(ids[2]));
        Assert.Equal(new[] { "PR001:invite/other" }, await _store.GetComplianceRunFindingKeysAsync(other.Id));

        // Runs and counts stay for the record.
        Assert.Equal(ids.Count + 1, (await _store.ListComplianceRunsAsync(100)).Count);
        var newestFirst = await _store.GetLatestComplianceRunsAsync("", 3);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), newestFirst.Select(r => r.Id));
    }

    [Fact]
    public async Task Runs_survive_reopening_the_file()
    {
        await AddAsync("", 0, "PR007:relationship/r");
        _store.Dispose();

        using var reopened = SqliteRelationshipStore.Open(_folder.File("runs.db"), new FakeTimeProvider(T0));
        var run = Assert.Single(await reopened.GetLatestComplianceRunsAsync("", 1));
        Assert.Equal(new[] { "PR007:relationship/r" }, await reopened.GetComplianceRunFindingKeysAsync(run.Id));
    }

    private Task<ComplianceRunRecord> AddAsync(string scope, int n, string key) => _store.AddComplianceRunAsync(
        new ComplianceRunRecord { StartedAt = T0.AddDays(n), CompletedAt = T0.AddDays(n).AddMinutes(1), Scope = scope, Rules = new[] { "PR001" }, FindingCount = 1 },
        new[] { key });
}
