using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

/// <summary>Two store instances on one file stand for two PowerShell processes sharing the store.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteConcurrencyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(TestInvites.Start);

    public void Dispose() => _folder.Dispose();

    private string DbPath => _folder.File("store.db");

    [Fact]
    public async Task Two_stores_adding_200_invites_in_parallel_lose_none()
    {
        using var first = SqliteRelationshipStore.Open(DbPath, _clock);
        using var second = SqliteRelationshipStore.Open(DbPath, _clock);
        var stores = new[] { first, second };

        var invites = Enumerable.Range(0, 200).Select(i => TestInvites.New($"Customer {i}", TestInvites.Start.AddSeconds(i))).ToList();
        await Task.WhenAll(invites.Select((invite, i) => Task.Run(() => stores[i % 2].AddInviteAsync(invite))));

        var stored = await first.QueryInvitesAsync(new InviteQuery()).ToListAsync();
        Assert.Equal(invites.Select(i => i.Id), stored.Select(i => i.Id));
        Assert.Equal(200L, RawSqlite.Scalar(DbPath, "SELECT count(*) FROM invite_history"));
    }

    [Fact]
    public async Task Concurrent_changes_from_the_same_status_apply_exactly_once()
    {
        using var first = SqliteRelationshipStore.Open(DbPath, _clock);
        using var second = SqliteRelationshipStore.Open(DbPath, _clock);

        for (var round = 0; round < 20; round++)
        {
            var invite = await first.AddInviteAsync(TestInvites.New($"Customer {round}"));
            var at = TestInvites.Start.AddDays(1);

            var results = await Task.WhenAll(
                Task.Run(() => first.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, at, "first"))),
                Task.Run(() => second.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, at, "second"))));

            var winner = Assert.Single(results, r => r is not null);
            Assert.Equal(2, winner!.Version);
            var history = await second.GetHistoryAsync(invite.Id);
            Assert.Single(history, h => h.ToStatus == InviteStatus.Accepted);
            Assert.Equal(2, history.Count);
        }
    }

    [Fact]
    public async Task Many_changes_on_one_store_instance_from_parallel_tasks_are_serialised()
    {
        using var store = SqliteRelationshipStore.Open(DbPath, _clock);
        var invite = await store.AddInviteAsync(TestInvites.New());

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Cancelled, TestInvites.Start)))));

        Assert.Single(results, r => r is not null);
        Assert.Equal(2, (await store.GetHistoryAsync(invite.Id)).Count);
    }

    [Fact]
    public async Task Two_stores_opening_a_new_file_at_once_both_work()
    {
        var stores = await Task.WhenAll(
            Task.Run(() => SqliteRelationshipStore.Open(DbPath, _clock)),
            Task.Run(() => SqliteRelationshipStore.Open(DbPath, _clock)));
        try
        {
            await stores[0].AddInviteAsync(TestInvites.New("From first"));
            await stores[1].AddInviteAsync(TestInvites.New("From second"));

            Assert.Equal(2, await stores[0].QueryInvitesAsync(new InviteQuery()).CountAsync());
            Assert.Equal((long)SqliteSchema.LatestVersion, RawSqlite.Scalar(DbPath, "PRAGMA user_version"));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }
}
