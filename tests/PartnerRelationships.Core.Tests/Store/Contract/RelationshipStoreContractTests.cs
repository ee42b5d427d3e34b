using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>
/// What every store must do, run against each (SQLite, PostgreSQL) by a subclass that says where a fresh store lives.
/// The store is created on first use inside a test, so a subclass without its server skips rather than fails.
/// </summary>
public abstract partial class RelationshipStoreContractTests : IDisposable
{
    private IStoreLocation? _location;
    private IRelationshipStore? _store;

    protected FakeTimeProvider Clock { get; } = new(TestInvites.Start);

    protected IStoreLocation Location => _location ??= CreateLocation();

    protected IRelationshipStore Store => _store ??= Location.Open(Clock);

    /// <summary>A fresh, empty location (may skip the test when its server is missing).</summary>
    protected abstract IStoreLocation CreateLocation();

    public void Dispose()
    {
        _store?.Dispose();
        _location?.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Add_records_a_pending_invite_at_version_1_and_get_returns_it()
    {
        var invite = TestInvites.New(kind: InviteKind.GranularAdmin) with { Status = InviteStatus.Accepted, Version = 7, CustomerTenantId = "tid" };

        var added = await Store.AddInviteAsync(invite);
        var read = await Store.GetInviteAsync(invite.Id);

        Assert.Equal(InviteStatus.Pending, added.Status);
        Assert.Equal(1, added.Version);
        Assert.Equal(added.CreatedAt, added.StatusChangedAt);
        Assert.Equal(added, read);
        Assert.Equal(invite with { Status = InviteStatus.Pending, Version = 1, StatusChangedAt = invite.CreatedAt }, read);
    }

    [SkippableFact]
    public async Task Add_writes_the_creation_history_entry()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());

        var history = await Store.GetHistoryAsync(invite.Id);

        var entry = Assert.Single(history);
        Assert.Equal(invite.Id, entry.InviteId);
        Assert.Null(entry.FromStatus);
        Assert.Equal(InviteStatus.Pending, entry.ToStatus);
        Assert.Equal(invite.CreatedAt, entry.At);
        Assert.Equal("invite recorded", entry.Detail);
    }

    [SkippableFact]
    public async Task Add_without_a_creation_time_takes_it_from_the_clock()
    {
        Clock.Advance(TimeSpan.FromMinutes(5));

        var added = await Store.AddInviteAsync(TestInvites.New() with { CreatedAt = default });

        Assert.Equal(TestInvites.Start.AddMinutes(5), added.CreatedAt);
        Assert.Equal(added.CreatedAt, (await Store.GetInviteAsync(added.Id))!.CreatedAt);
    }

    [SkippableFact]
    public async Task Add_with_an_existing_id_fails_with_InviteAlreadyExists_and_changes_nothing()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New("First"));

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Store.AddInviteAsync(TestInvites.New("Second", id: invite.Id)));

        Assert.Equal("InviteAlreadyExists", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, error.Category);
        Assert.Equal("First", (await Store.GetInviteAsync(invite.Id))!.CustomerName);
        Assert.Single(await Store.GetHistoryAsync(invite.Id));
    }

    [SkippableFact]
    public async Task Get_of_an_unknown_id_returns_null()
    {
        Assert.Null(await Store.GetInviteAsync(Guid.NewGuid()));
        Assert.Empty(await Store.GetHistoryAsync(Guid.NewGuid()));
    }

    [SkippableFact]
    public async Task Text_round_trips_exactly()
    {
        var invite = TestInvites.New("Ärzte Übersee 🚀 \"quoted\" 'single' \\ back") with
        {
            Body = "Line 1\r\nLine 2\n\ttabbed — ünïcödé",
            Subject = "%_*?[] wildcards",
        };

        await Store.AddInviteAsync(invite);
        var read = (await Store.GetInviteAsync(invite.Id))!;

        Assert.Equal(invite.CustomerName, read.CustomerName);
        Assert.Equal(invite.Body, read.Body);
        Assert.Equal(invite.Subject, read.Subject);
    }

    [SkippableFact]
    public async Task Times_round_trip_to_the_tick_and_come_back_as_utc()
    {
        var created = new DateTimeOffset(2025, 7, 14, 23, 59, 59, TimeSpan.FromHours(-7)).AddTicks(1234567);
        var changed = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(5.5)).AddTicks(9999999);
        var invite = await Store.AddInviteAsync(TestInvites.New(createdAt: created));

        var updated = await Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, changed));
        var read = (await Store.GetInviteAsync(invite.Id))!;
        var history = await Store.GetHistoryAsync(invite.Id);

        Assert.Equal(created.UtcTicks, read.CreatedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Equal(changed.UtcTicks, read.StatusChangedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.StatusChangedAt.Offset);
        Assert.Equal(read, updated);
        Assert.Equal(changed.UtcTicks, history[1].At.UtcTicks);
        Assert.Equal(TimeSpan.Zero, history[1].At.Offset);
    }

    [SkippableFact]
    public async Task Change_status_applies_once_and_records_history()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());
        var at = TestInvites.Start.AddDays(2);
        var change = new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, at, "customer appeared in /v1/customers", "tenant-1");

        var first = await Store.TryChangeStatusAsync(change);
        var second = await Store.TryChangeStatusAsync(change);

        Assert.NotNull(first);
        Assert.Equal(InviteStatus.Accepted, first!.Status);
        Assert.Equal(at, first.StatusChangedAt);
        Assert.Equal(2, first.Version);
        Assert.Equal("tenant-1", first.CustomerTenantId);
        Assert.Null(second);

        var history = await Store.GetHistoryAsync(invite.Id);
        Assert.Equal(2, history.Count);
        Assert.True(history[0].Sequence < history[1].Sequence);
        Assert.Equal(InviteStatus.Pending, history[1].FromStatus);
        Assert.Equal(InviteStatus.Accepted, history[1].ToStatus);
        Assert.Equal("customer appeared in /v1/customers", history[1].Detail);
    }

    [SkippableFact]
    public async Task Change_status_keeps_a_known_tenant_id_when_none_is_given()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New() with { CustomerTenantId = "known" });

        var changed = await Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Expired, TestInvites.Start.AddDays(90)));

        Assert.Equal("known", changed!.CustomerTenantId);
    }

    [SkippableFact]
    public async Task Change_status_from_the_wrong_status_or_of_a_missing_invite_returns_null()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());

        Assert.Null(await Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Accepted, InviteStatus.Terminated, TestInvites.Start)));
        Assert.Null(await Store.TryChangeStatusAsync(new StatusChange(Guid.NewGuid(), InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start)));
        Assert.Equal(InviteStatus.Pending, (await Store.GetInviteAsync(invite.Id))!.Status);
        Assert.Single(await Store.GetHistoryAsync(invite.Id));
    }

    [SkippableFact]
    public async Task Set_relationship_records_it_and_bumps_the_version()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New(kind: InviteKind.GranularAdmin));

        var updated = await Store.SetRelationshipAsync(invite.Id, "rel-1", "Contoso helpdesk");

        Assert.Equal("rel-1", updated!.RelationshipId);
        Assert.Equal("Contoso helpdesk", updated.RelationshipDisplayName);
        Assert.Equal(2, updated.Version);
        Assert.Equal(updated, await Store.GetInviteAsync(invite.Id));
    }

    [SkippableFact]
    public async Task Set_relationship_of_a_missing_invite_returns_null()
    {
        Assert.Null(await Store.SetRelationshipAsync(Guid.NewGuid(), "rel-1", "Name"));
    }

    [SkippableFact]
    public async Task A_relationship_display_name_is_unique()
    {
        var first = await Store.AddInviteAsync(TestInvites.New("One", kind: InviteKind.GranularAdmin));
        var second = await Store.AddInviteAsync(TestInvites.New("Two", kind: InviteKind.GranularAdmin));
        await Store.SetRelationshipAsync(first.Id, "rel-1", "Same name");

        var onSet = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Store.SetRelationshipAsync(second.Id, "rel-2", "Same name"));
        var onAdd = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Store.AddInviteAsync(TestInvites.New("Three", displayName: "Same name")));

        Assert.Equal("RelationshipDisplayNameInUse", onSet.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, onSet.Category);
        Assert.Equal("RelationshipDisplayNameInUse", onAdd.ErrorId);
        Assert.Null((await Store.GetInviteAsync(second.Id))!.RelationshipDisplayName);
        Assert.Equal(2L, Location.CountRows("invites"));
        Assert.Equal(2L, Location.CountRows("invite_history"));
    }

    [SkippableFact]
    public async Task Invites_without_a_display_name_do_not_collide()
    {
        await Store.AddInviteAsync(TestInvites.New("One"));
        await Store.AddInviteAsync(TestInvites.New("Two"));

        Assert.Equal(2, await Store.QueryInvitesAsync(new InviteQuery()).CountAsync());
    }

    [SkippableFact]
    public async Task A_disposed_store_refuses_work()
    {
        _ = Store;
        Store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.GetInviteAsync(Guid.NewGuid()));
    }

    [SkippableFact]
    public async Task The_store_survives_being_opened_again()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New());
        Store.Dispose();

        using var reopened = Location.Open(Clock);

        Assert.Equal(invite, await reopened.GetInviteAsync(invite.Id));
        Assert.Single(await reopened.GetHistoryAsync(invite.Id));
    }
}
