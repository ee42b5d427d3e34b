using PartnerRelationships.Core.Adoption;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Recording what the service already had (Import-PartnerRelationship): once, with its history, never over a record.</summary>
public abstract partial class RelationshipStoreContractTests
{
    private IRelationshipAdoptionStore Adoption => Assert.IsAssignableFrom<IRelationshipAdoptionStore>(Store);

    private static AdoptedRecord AdoptedGranular(string relationshipId, string displayName = "GDAP Contoso", RelationshipStatus status = RelationshipStatus.Active) =>
        AdoptedRecords.ForGranular(new DelegatedAdminRelationshipInfo
        {
            Id = relationshipId,
            DisplayName = displayName,
            CustomerTenantId = "tenant-" + relationshipId,
            CustomerName = "Contoso " + relationshipId,
            Status = status,
            CreatedDateTime = TestInvites.Start.AddDays(-40).AddTicks(7),
            ActivatedDateTime = status == RelationshipStatus.Active ? TestInvites.Start.AddDays(-39) : null,
            EndDateTime = status == RelationshipStatus.Active ? TestInvites.Start.AddDays(50) : null,
        }, TestInvites.Start).Record;

    [SkippableFact]
    public async Task Adopt_records_the_relationship_as_adopted_with_the_service_s_times()
    {
        var record = AdoptedGranular("rel-1");

        var written = await Adoption.AdoptAsync(new[] { record });

        Assert.Equal(new[] { true }, written);
        var stored = await Store.GetInviteAsync(record.Invite.Id);
        Assert.Equal(record.Invite, stored);
        Assert.Equal(InviteOrigin.Adopted, stored!.Origin);
        Assert.Equal(InviteStatus.Accepted, stored.Status);
        Assert.Equal(TestInvites.Start.AddDays(-40).AddTicks(7), stored.CreatedAt);
        Assert.Equal(TestInvites.Start.AddDays(-39), stored.StatusChangedAt);
        AssertSameHistory(record.History, await Store.GetHistoryAsync(record.Invite.Id));
        Assert.Equal(new[] { InviteStatus.Pending, InviteStatus.Accepted }, (await Store.GetHistoryAsync(record.Invite.Id)).Select(h => h.ToStatus));
    }

    [SkippableFact]
    public async Task Adopt_again_writes_nothing()
    {
        var record = AdoptedGranular("rel-1");
        await Adoption.AdoptAsync(new[] { record });

        var again = await Adoption.AdoptAsync(new[] { record, AdoptedGranular("rel-2", "GDAP Fabrikam") });

        Assert.Equal(new[] { false, true }, again);
        Assert.Equal(2L, Location.CountRows("invites"));
        Assert.Equal(4L, Location.CountRows("invite_history"));
    }

    [SkippableFact]
    public async Task Adopt_never_writes_over_an_invite_of_the_same_relationship()
    {
        var byId = await Store.AddInviteAsync(TestInvites.New("By id", kind: InviteKind.GranularAdmin));
        await Store.SetRelationshipAsync(byId.Id, "rel-1", "Invited by id");
        await Store.AddInviteAsync(TestInvites.New("By name", kind: InviteKind.GranularAdmin, displayName: "GDAP Fabrikam"));

        var written = await Adoption.AdoptAsync(new[] { AdoptedGranular("rel-1", "Another name"), AdoptedGranular("rel-2", "GDAP Fabrikam") });

        Assert.Equal(new[] { false, false }, written);
        Assert.Equal(2L, Location.CountRows("invites"));
        Assert.All(await Store.QueryInvitesAsync(new InviteQuery()).ToListAsync(), i => Assert.Equal(InviteOrigin.Invited, i.Origin));
    }

    [SkippableFact]
    public async Task Adopt_of_a_reseller_customer_skips_a_tenant_with_an_open_reseller_invite()
    {
        var invited = await Store.AddInviteAsync(TestInvites.New("Contoso") with { CustomerTenantId = "tenant-a" });
        var customerA = new PartnerCustomerInfo("tenant-a", "Contoso", null, "reseller", true);
        var customerB = new PartnerCustomerInfo("tenant-b", "Fabrikam", null, "reseller", false);

        var written = await Adoption.AdoptAsync(new[]
        {
            AdoptedRecords.ForReseller(customerA, TestInvites.Start).Record,
            AdoptedRecords.ForReseller(customerB, TestInvites.Start).Record,
        });

        Assert.Equal(new[] { false, true }, written);
        Assert.Equal(InviteOrigin.Invited, (await Store.GetInviteAsync(invited.Id))!.Origin);
        var adopted = await Store.GetInviteAsync(AdoptedRecords.IdFor(InviteKind.Reseller, "tenant-b"));
        Assert.Equal(InviteStatus.AdminRemoved, adopted!.Status);
        Assert.Equal(InviteOrigin.Adopted, adopted.Origin);
    }

    [SkippableFact]
    public async Task Two_workers_adopting_the_same_relationships_at_once_write_each_once()
    {
        using var first = Location.Open(Clock);
        using var second = Location.Open(Clock);
        var records = Enumerable.Range(0, 200).Select(i => AdoptedGranular($"rel-{i}", $"GDAP customer {i}")).ToList();
        var batches = records.Chunk(20).Select(b => (IReadOnlyList<AdoptedRecord>)b).ToList();

        // Each worker adopts every batch, in opposite orders, at the same time.
        var work = new[]
        {
            Task.Run(async () => { var n = 0; foreach (var b in batches) n += (await ((IRelationshipAdoptionStore)first).AdoptAsync(b)).Count(w => w); return n; }),
            Task.Run(async () => { var n = 0; foreach (var b in Enumerable.Reverse(batches)) n += (await ((IRelationshipAdoptionStore)second).AdoptAsync(b)).Count(w => w); return n; }),
        };
        var counts = await Task.WhenAll(work);

        Assert.Equal(200, counts.Sum());
        Assert.Equal(200L, Location.CountRows("invites"));
        Assert.Equal(400L, Location.CountRows("invite_history"));
    }

    [SkippableFact]
    public async Task An_adopted_record_keeps_its_origin_when_copied()
    {
        var record = AdoptedGranular("rel-1");

        await Import.ImportInviteAsync(record.Invite, record.History);

        Assert.Equal(InviteOrigin.Adopted, (await Store.GetInviteAsync(record.Invite.Id))!.Origin);
    }
}
