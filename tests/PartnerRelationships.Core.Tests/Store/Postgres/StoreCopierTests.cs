using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store.Contract;
using PartnerRelationships.Store.Postgres;

namespace PartnerRelationships.Core.Tests.Store.Postgres;

/// <summary>Moving a store from SQLite into PostgreSQL and back, without loss and without doubling on a re-run.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreCopierTests : IDisposable
{
    private readonly PostgresServerFixture _server;
    private readonly FakeTimeProvider _clock = new(TestInvites.Start);
    private readonly List<IStoreLocation> _locations = new();

    public StoreCopierTests(PostgresServerFixture server) => _server = server;

    public void Dispose() => _locations.ForEach(l => l.Dispose());

    private IStoreLocation Sqlite() => Keep(new SqliteStoreContractTests.SqliteLocation());

    private IStoreLocation Postgres() => Keep(new PostgresStoreContractTests.PostgresLocation(_server));

    private IStoreLocation Keep(IStoreLocation location)
    {
        _locations.Add(location);
        return location;
    }

    /// <summary>A store with every kind of record: statuses, a relationship, tenant ids, several history entries.</summary>
    private async Task<List<ResellerInvite>> FillAsync(IRelationshipStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var invite = await store.AddInviteAsync(TestInvites.New($"Customer {i}", TestInvites.Start.AddMinutes(i).AddTicks(i), i % 3 == 0 ? InviteKind.GranularAdmin : InviteKind.Reseller));
            if (i % 3 == 0)
            {
                await store.SetRelationshipAsync(invite.Id, $"rel-{i}", $"Relationship {i}");
            }

            if (i % 2 == 0)
            {
                await store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1).AddTicks(7), "accepted", $"tenant-{i}"));
            }

            if (i % 4 == 0)
            {
                await store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Accepted, InviteStatus.Terminated, TestInvites.Start.AddDays(2), null));
            }
        }

        return await store.QueryInvitesAsync(new InviteQuery()).ToListAsync();
    }

    private static async Task AssertSameContentAsync(IRelationshipStore expected, IRelationshipStore actual)
    {
        var expectedInvites = await expected.QueryInvitesAsync(new InviteQuery()).ToListAsync();
        Assert.Equal(expectedInvites, await actual.QueryInvitesAsync(new InviteQuery()).ToListAsync());
        foreach (var invite in expectedInvites)
        {
            Assert.Equal(
                (await expected.GetHistoryAsync(invite.Id)).Select(h => (h.InviteId, h.FromStatus, h.ToStatus, h.At.UtcTicks, h.Detail)),
                (await actual.GetHistoryAsync(invite.Id)).Select(h => (h.InviteId, h.FromStatus, h.ToStatus, h.At.UtcTicks, h.Detail)));
        }
    }

    [SkippableFact]
    public async Task Sqlite_to_postgres_and_back_loses_nothing()
    {
        using var original = Sqlite().Open(_clock);
        var postgresLocation = Postgres();
        using var postgres = postgresLocation.Open(_clock);
        var backLocation = Sqlite();
        using var back = backLocation.Open(_clock);
        await FillAsync(original, 30);
        var reports = new List<StoreCopyProgress>();

        var there = await StoreCopier.CopyAsync(original, postgres, mergeIntoExisting: false, new SyncProgress(reports.Add));
        var backAgain = await StoreCopier.CopyAsync(postgres, back, mergeIntoExisting: false);

        Assert.Equal(30, there.Added);
        Assert.Equal(30, backAgain.Added);
        await AssertSameContentAsync(original, postgres);
        await AssertSameContentAsync(original, back);
        Assert.Equal(there.HistoryEntriesRead, postgresLocation.CountRows("invite_history"));
        Assert.Equal(Enumerable.Range(0, 31), reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(30, r.Total));
    }

    [SkippableFact]
    public async Task A_non_empty_destination_is_refused_unless_merging()
    {
        using var source = Sqlite().Open(_clock);
        using var destination = Postgres().Open(_clock);
        await FillAsync(source, 3);
        var theirs = await destination.AddInviteAsync(TestInvites.New("Already there"));

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => StoreCopier.CopyAsync(source, destination, mergeIntoExisting: false));

        Assert.Equal("StoreCopyDestinationNotEmpty", error.ErrorId);
        Assert.Single(await destination.QueryInvitesAsync(new InviteQuery()).ToListAsync());

        var merged = await StoreCopier.CopyAsync(source, destination, mergeIntoExisting: true);
        Assert.Equal(3, merged.Added);
        Assert.Equal(4, await destination.QueryInvitesAsync(new InviteQuery()).CountAsync());
        Assert.Equal(theirs, await destination.GetInviteAsync(theirs.Id));
    }

    [SkippableFact]
    public async Task A_rerun_doubles_nothing_and_brings_changed_invites_up_to_date()
    {
        using var source = Sqlite().Open(_clock);
        var destinationLocation = Postgres();
        using var destination = destinationLocation.Open(_clock);
        var invites = await FillAsync(source, 10);
        await StoreCopier.CopyAsync(source, destination, mergeIntoExisting: false);
        var historyRows = destinationLocation.CountRows("invite_history");

        var again = await StoreCopier.CopyAsync(source, destination, mergeIntoExisting: true);
        Assert.Equal(10, again.Unchanged);
        Assert.Equal(historyRows, destinationLocation.CountRows("invite_history"));

        var pending = invites.First(i => i.Status == InviteStatus.Pending);
        await source.TryChangeStatusAsync(new StatusChange(pending.Id, InviteStatus.Pending, InviteStatus.Expired, TestInvites.Start.AddDays(90), "ran out"));
        var third = await StoreCopier.CopyAsync(source, destination, mergeIntoExisting: true);

        Assert.Equal(1, third.Updated);
        Assert.Equal(9, third.Unchanged);
        Assert.Equal(historyRows + 1, destinationLocation.CountRows("invite_history"));
        await AssertSameContentAsync(source, destination);
    }

    [SkippableFact]
    public async Task Diverged_invites_are_reported_and_left_alone()
    {
        using var source = Sqlite().Open(_clock);
        using var destination = Postgres().Open(_clock);
        var invite = (await FillAsync(source, 1)).Single();
        await StoreCopier.CopyAsync(source, destination, mergeIntoExisting: false);
        await source.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Terminated, InviteStatus.AdminRemoved, TestInvites.Start.AddDays(5), "source side"));
        await destination.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Terminated, InviteStatus.Cancelled, TestInvites.Start.AddDays(6), "destination side"));

        var result = await StoreCopier.CopyAsync(source, destination, mergeIntoExisting: true);

        Assert.Equal(new[] { invite.Id }, result.Conflicts);
        Assert.Equal(InviteStatus.Cancelled, (await destination.GetInviteAsync(invite.Id))!.Status);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test wants the reports in order, at once.</summary>
    private sealed class SyncProgress : IProgress<StoreCopyProgress>
    {
        private readonly Action<StoreCopyProgress> _report;

        public SyncProgress(Action<StoreCopyProgress> report) => _report = report;

        public void Report(StoreCopyProgress value) => _report(value);
    }
}
