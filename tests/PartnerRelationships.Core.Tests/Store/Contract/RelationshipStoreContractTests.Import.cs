using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Importing invites exactly as another store recorded them (what Copy-PartnerRelationshipStore does).</summary>
public abstract partial class RelationshipStoreContractTests
{
    private IRelationshipStoreImport Import => Assert.IsAssignableFrom<IRelationshipStoreImport>(Store);

    private static (ResellerInvite Invite, List<InviteHistoryEntry> History) Recorded(int steps, string name = "Contoso")
    {
        var created = TestInvites.Start.AddTicks(1234567);
        var invite = TestInvites.New(name, created, InviteKind.GranularAdmin) with
        {
            Status = InviteStatus.Pending,
            StatusChangedAt = created,
            Version = 1,
            RelationshipId = "rel-9",
            RelationshipDisplayName = $"{name} helpdesk",
            CustomerTenantId = "tenant-9",
        };
        var history = new List<InviteHistoryEntry>
        {
            new() { Sequence = 101, InviteId = invite.Id, FromStatus = null, ToStatus = InviteStatus.Pending, At = created, Detail = "invite recorded" },
        };
        var walk = new[] { InviteStatus.Accepted, InviteStatus.AdminRemoved, InviteStatus.Terminated };
        for (var i = 0; i < steps; i++)
        {
            var at = created.AddDays(i + 1).AddTicks(1);
            history.Add(new InviteHistoryEntry { Sequence = 102 + i, InviteId = invite.Id, FromStatus = invite.Status, ToStatus = walk[i], At = at, Detail = $"step {i}" });
            invite = invite with { Status = walk[i], StatusChangedAt = at, Version = invite.Version + 1 };
        }

        return (invite, history);
    }

    private static void AssertSameHistory(IReadOnlyList<InviteHistoryEntry> expected, IReadOnlyList<InviteHistoryEntry> actual)
    {
        Assert.Equal(
            expected.Select(h => (h.InviteId, h.FromStatus, h.ToStatus, h.At.UtcTicks, h.Detail)),
            actual.Select(h => (h.InviteId, h.FromStatus, h.ToStatus, h.At.UtcTicks, h.Detail)));
    }

    [SkippableFact]
    public async Task Import_records_the_invite_and_its_history_exactly()
    {
        var (invite, history) = Recorded(steps: 2);

        var outcome = await Import.ImportInviteAsync(invite, history);

        Assert.Equal(ImportOutcome.Added, outcome);
        Assert.Equal(invite, await Store.GetInviteAsync(invite.Id));
        AssertSameHistory(history, await Store.GetHistoryAsync(invite.Id));
    }

    [SkippableFact]
    public async Task Import_again_changes_nothing()
    {
        var (invite, history) = Recorded(steps: 2);
        await Import.ImportInviteAsync(invite, history);

        var outcome = await Import.ImportInviteAsync(invite, history);

        Assert.Equal(ImportOutcome.Unchanged, outcome);
        Assert.Equal(3L, Location.CountRows("invite_history"));
        Assert.Equal(invite, await Store.GetInviteAsync(invite.Id));
    }

    [SkippableFact]
    public async Task Import_of_a_further_state_appends_the_missing_history()
    {
        var (older, olderHistory) = Recorded(steps: 1);
        await Import.ImportInviteAsync(older, olderHistory);
        var (newer, newerHistory) = Recorded(steps: 3);
        newer = newer with { Id = older.Id };
        newerHistory = newerHistory.Select(h => h with { InviteId = older.Id }).ToList();

        var outcome = await Import.ImportInviteAsync(newer, newerHistory);

        Assert.Equal(ImportOutcome.Updated, outcome);
        Assert.Equal(newer, await Store.GetInviteAsync(older.Id));
        AssertSameHistory(newerHistory, await Store.GetHistoryAsync(older.Id));
    }

    [SkippableFact]
    public async Task Import_of_an_older_state_keeps_the_newer_one()
    {
        var (newer, newerHistory) = Recorded(steps: 2);
        await Import.ImportInviteAsync(newer, newerHistory);
        var (older, olderHistory) = Recorded(steps: 1);

        var outcome = await Import.ImportInviteAsync(older with { Id = newer.Id }, olderHistory.Select(h => h with { InviteId = newer.Id }).ToList());

        Assert.Equal(ImportOutcome.Unchanged, outcome);
        Assert.Equal(newer, await Store.GetInviteAsync(newer.Id));
        Assert.Equal(3L, Location.CountRows("invite_history"));
    }

    [SkippableFact]
    public async Task Import_of_a_diverged_history_is_a_conflict_and_writes_nothing()
    {
        var recorded = await Store.AddInviteAsync(TestInvites.New());
        await Store.TryChangeStatusAsync(new StatusChange(recorded.Id, InviteStatus.Pending, InviteStatus.Cancelled, TestInvites.Start.AddDays(1), "withdrawn"));
        var (other, otherHistory) = Recorded(steps: 2);

        var outcome = await Import.ImportInviteAsync(other with { Id = recorded.Id, CreatedAt = recorded.CreatedAt }, otherHistory.Select(h => h with { InviteId = recorded.Id }).ToList());

        Assert.Equal(ImportOutcome.Conflict, outcome);
        Assert.Equal(InviteStatus.Cancelled, (await Store.GetInviteAsync(recorded.Id))!.Status);
        Assert.Equal(2, (await Store.GetHistoryAsync(recorded.Id)).Count);
    }

    [SkippableFact]
    public async Task Import_of_a_relationship_set_later_updates_the_invite()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New(kind: InviteKind.GranularAdmin));
        var history = await Store.GetHistoryAsync(invite.Id);
        var withRelationship = invite with { RelationshipId = "rel-1", RelationshipDisplayName = "Later name", Version = 2 };

        Assert.Equal(ImportOutcome.Updated, await Import.ImportInviteAsync(withRelationship, history));
        Assert.Equal(withRelationship, await Store.GetInviteAsync(invite.Id));
        Assert.Single(await Store.GetHistoryAsync(invite.Id));
    }

    [SkippableFact]
    public async Task Import_with_a_display_name_in_use_fails_and_writes_nothing()
    {
        var taken = await Store.AddInviteAsync(TestInvites.New("Taken", kind: InviteKind.GranularAdmin, displayName: "Contoso helpdesk"));
        var (invite, history) = Recorded(steps: 1);

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Import.ImportInviteAsync(invite, history));

        Assert.Equal("RelationshipDisplayNameInUse", error.ErrorId);
        Assert.Null(await Store.GetInviteAsync(invite.Id));
        Assert.Equal(1L, Location.CountRows("invite_history"));
        Assert.NotNull(taken);
    }
}
