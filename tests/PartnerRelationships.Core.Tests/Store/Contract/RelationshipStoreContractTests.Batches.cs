using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Several compare-and-sets in one transaction (what sync writes per batch of invites).</summary>
public abstract partial class RelationshipStoreContractTests
{
    [SkippableFact]
    public async Task A_batch_applies_each_change_in_order_and_reports_each_outcome()
    {
        var first = await Store.AddInviteAsync(TestInvites.New("First"));
        var second = await Store.AddInviteAsync(TestInvites.New("Second", TestInvites.Start.AddMinutes(1)));
        var at = TestInvites.Start.AddDays(1);

        var results = await Store.TryChangeStatusesAsync(new[]
        {
            new StatusChange(first.Id, InviteStatus.Pending, InviteStatus.Accepted, at, "accepted", "tenant-1"),
            new StatusChange(second.Id, InviteStatus.Accepted, InviteStatus.Terminated, at, "wrong expectation"),
            new StatusChange(Guid.NewGuid(), InviteStatus.Pending, InviteStatus.Accepted, at, "no such invite"),
            // A later change may build on an earlier one in the same batch.
            new StatusChange(first.Id, InviteStatus.Accepted, InviteStatus.AdminRemoved, at.AddHours(1), "admin removed"),
        });

        Assert.Equal(4, results.Count);
        Assert.Equal(InviteStatus.Accepted, results[0]!.Status);
        Assert.Equal("tenant-1", results[0]!.CustomerTenantId);
        Assert.Null(results[1]);
        Assert.Null(results[2]);
        Assert.Equal(InviteStatus.AdminRemoved, results[3]!.Status);
        Assert.Equal(3, results[3]!.Version);
        Assert.Equal(results[3], await Store.GetInviteAsync(first.Id));
        Assert.Equal(InviteStatus.Pending, (await Store.GetInviteAsync(second.Id))!.Status);

        var history = await Store.GetHistoryAsync(first.Id);
        Assert.Equal(new InviteStatus?[] { null, InviteStatus.Pending, InviteStatus.Accepted }, history.Select(h => h.FromStatus));
        Assert.Equal(new[] { "invite recorded", "accepted", "admin removed" }, history.Select(h => h.Detail));
        Assert.Single(await Store.GetHistoryAsync(second.Id));
    }

    [SkippableFact]
    public async Task An_empty_batch_changes_nothing()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());

        Assert.Empty(await Store.TryChangeStatusesAsync(Array.Empty<StatusChange>()));
        Assert.Equal(invite, await Store.GetInviteAsync(invite.Id));
    }

    [SkippableFact]
    public async Task A_batch_with_a_null_change_is_refused_before_anything_is_applied()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());

        await Assert.ThrowsAsync<ArgumentException>(() => Store.TryChangeStatusesAsync(new[]
        {
            new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1)),
            null!,
        }));

        Assert.Equal(InviteStatus.Pending, (await Store.GetInviteAsync(invite.Id))!.Status);
        Assert.Single(await Store.GetHistoryAsync(invite.Id));
    }

    [SkippableFact]
    public async Task A_cancelled_batch_applies_nothing()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.TryChangeStatusesAsync(
            new[] { new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1)) }, cancelled.Token));

        Assert.Equal(InviteStatus.Pending, (await Store.GetInviteAsync(invite.Id))!.Status);
    }

    [SkippableFact]
    public async Task Two_stores_writing_overlapping_batches_apply_each_change_exactly_once()
    {
        using var first = Location.Open(Clock);
        using var second = Location.Open(Clock);
        var invites = new List<ResellerInvite>();
        for (var i = 0; i < 40; i++)
        {
            invites.Add(await first.AddInviteAsync(TestInvites.New($"Customer {i}", TestInvites.Start.AddSeconds(i))));
        }

        // The second store walks the invites in reverse, so the two batches meet in the middle from opposite ends.
        StatusChange[] Changes(IEnumerable<ResellerInvite> order, string who) => order
            .Select(i => new StatusChange(i.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1), who)).ToArray();
        var results = await Task.WhenAll(
            Task.Run(() => first.TryChangeStatusesAsync(Changes(invites, "first"))),
            Task.Run(() => second.TryChangeStatusesAsync(Changes(Enumerable.Reverse(invites), "second"))));

        Assert.Equal(invites.Count, results.Sum(r => r.Count(changed => changed is not null)));
        foreach (var invite in invites)
        {
            var history = await first.GetHistoryAsync(invite.Id);
            Assert.Equal(2, history.Count);
            Assert.Equal(InviteStatus.Accepted, history[1].ToStatus);
        }
    }
}
