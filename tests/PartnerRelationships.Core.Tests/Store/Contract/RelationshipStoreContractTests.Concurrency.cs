using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Several store instances on one location stand for several processes (or machines) sharing the store.</summary>
public abstract partial class RelationshipStoreContractTests
{
    [SkippableFact]
    public async Task Two_stores_adding_200_invites_in_parallel_lose_none()
    {
        using var first = Location.Open(Clock);
        using var second = Location.Open(Clock);
        var stores = new[] { first, second };

        var invites = Enumerable.Range(0, 200).Select(i => TestInvites.New($"Customer {i}", TestInvites.Start.AddSeconds(i))).ToList();
        await Task.WhenAll(invites.Select((invite, i) => Task.Run(() => stores[i % 2].AddInviteAsync(invite))));

        var stored = await first.QueryInvitesAsync(new InviteQuery()).ToListAsync();
        Assert.Equal(invites.Select(i => i.Id), stored.Select(i => i.Id));
        Assert.Equal(200L, Location.CountRows("invite_history"));
    }

    [SkippableFact]
    public async Task Concurrent_changes_from_the_same_status_apply_exactly_once()
    {
        using var first = Location.Open(Clock);
        using var second = Location.Open(Clock);

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

    [SkippableFact]
    public async Task Many_changes_on_one_store_instance_from_parallel_tasks_apply_once()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Cancelled, TestInvites.Start)))));

        Assert.Single(results, r => r is not null);
        Assert.Equal(2, (await Store.GetHistoryAsync(invite.Id)).Count);
    }

    /// <summary>
    /// Four workers sync the same 25 invites at once, each walking every invite Pending → Accepted → Terminated as a
    /// sync would: every transition lands exactly once, none is lost, no history entry is doubled.
    /// </summary>
    [SkippableFact]
    public async Task Four_workers_syncing_the_same_invites_lose_and_double_nothing()
    {
        var invites = new List<ResellerInvite>();
        for (var i = 0; i < 25; i++)
        {
            invites.Add(await Store.AddInviteAsync(TestInvites.New($"Customer {i}", TestInvites.Start.AddSeconds(i))));
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Location.Open(Clock)).ToList();
        try
        {
            var won = await Task.WhenAll(workers.Select((worker, w) => Task.Run(async () =>
            {
                var wins = 0;
                // Each worker walks the invites in its own order, so they collide on different rows.
                foreach (var invite in w % 2 == 0 ? invites : Enumerable.Reverse(invites))
                {
                    if (await worker.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1), $"worker {w}")) is not null)
                    {
                        wins++;
                    }

                    if (await worker.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Accepted, InviteStatus.Terminated, TestInvites.Start.AddDays(2), $"worker {w}")) is not null)
                    {
                        wins++;
                    }
                }

                return wins;
            })));

            Assert.Equal(50, won.Sum());
            foreach (var invite in invites)
            {
                var stored = (await Store.GetInviteAsync(invite.Id))!;
                Assert.Equal(InviteStatus.Terminated, stored.Status);
                Assert.Equal(3, stored.Version);
                var history = await Store.GetHistoryAsync(invite.Id);
                Assert.Equal(new InviteStatus?[] { null, InviteStatus.Pending, InviteStatus.Accepted }, history.Select(h => h.FromStatus));
                Assert.Equal(new[] { InviteStatus.Pending, InviteStatus.Accepted, InviteStatus.Terminated }, history.Select(h => h.ToStatus));
            }

            Assert.Equal(75L, Location.CountRows("invite_history"));
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    [SkippableFact]
    public async Task Two_stores_opening_a_new_location_at_once_both_work()
    {
        var location = Location;
        var stores = await Task.WhenAll(
            Task.Run(() => location.Open(Clock)),
            Task.Run(() => location.Open(Clock)));
        try
        {
            await stores[0].AddInviteAsync(TestInvites.New("From first"));
            await stores[1].AddInviteAsync(TestInvites.New("From second"));

            Assert.Equal(2, await stores[0].QueryInvitesAsync(new InviteQuery()).CountAsync());
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
