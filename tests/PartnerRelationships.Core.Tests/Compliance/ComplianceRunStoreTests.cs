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
