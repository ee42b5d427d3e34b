using PartnerRelationships.Core.Adoption;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Reading every invite in its small form (what the compliance check reads).</summary>
public abstract partial class RelationshipStoreContractTests
{
    private IInviteSummaryReader Summaries => Assert.IsAssignableFrom<IInviteSummaryReader>(Store);

    [SkippableFact]
    public async Task Summaries_of_an_empty_store_are_none()
    {
        Assert.Empty(await Summaries.ReadInviteSummariesAsync().ToListAsync());
    }

    [SkippableFact]
    public async Task Summaries_carry_each_record_s_identity_status_and_times_in_the_full_query_s_order()
    {
        // Drafted invites (with and without tenant and relationship) beside adopted records of both kinds.
        var reseller = await Store.AddInviteAsync(TestInvites.New("Contoso", TestInvites.Start.AddMinutes(3)));
        var granular = await Store.AddInviteAsync(TestInvites.New("Fabrikam", TestInvites.Start.AddMinutes(1), InviteKind.GranularAdmin, displayName: "GDAP Fabrikam"));
        await Store.SetRelationshipAsync(granular.Id, "rel-fabrikam", "GDAP Fabrikam");
        Clock.Advance(TimeSpan.FromHours(2));
        await Store.TryChangeStatusAsync(new StatusChange(reseller.Id, InviteStatus.Pending, InviteStatus.Accepted, Clock.GetUtcNow(), "accepted", "tenant-contoso"));
        await Adoption.AdoptAsync(new[]
        {
            AdoptedGranular("rel-adopted", "GDAP Adopted"),
            AdoptedRecords.ForReseller(new PartnerCustomerInfo("tenant-adopted", "Adopted Ltd", null, "reseller", false), TestInvites.Start).Record,
        });

        var summaries = await Summaries.ReadInviteSummariesAsync().ToListAsync();

        var full = await Store.QueryInvitesAsync(new InviteQuery()).ToListAsync();
        Assert.Equal(4, summaries.Count);
        Assert.Equal(full.Select(InviteSummary.From), summaries);
        var accepted = Assert.Single(summaries, s => s.Id == reseller.Id);
        Assert.Equal(InviteStatus.Accepted, accepted.Status);
        Assert.Equal("tenant-contoso", accepted.CustomerTenantId);
        Assert.Equal(Clock.GetUtcNow(), accepted.StatusChangedAt);
        Assert.Equal("rel-fabrikam", Assert.Single(summaries, s => s.Id == granular.Id).RelationshipId);
    }

    [SkippableFact]
    public async Task Summaries_larger_than_a_page_stream_in_order_without_gaps_or_repeats()
    {
        // Summary pages hold 1,000 rows; 2,100 adopted records, 1,500 of them with one creation time (as adoption
        // gives every reseller customer), cross two page boundaries inside that run of equal times.
        var records = Enumerable.Range(0, 2_100)
            .Select(i => AdoptedRecords.ForReseller(
                new PartnerCustomerInfo($"tenant-{i:D4}", $"Customer {i:D4}", null, "reseller", true),
                i < 1_500 ? TestInvites.Start : TestInvites.Start.AddSeconds(i)).Record)
            .ToList();
        foreach (var batch in records.Chunk(500))
        {
            await Adoption.AdoptAsync(batch);
        }

        var summaries = await Summaries.ReadInviteSummariesAsync().ToListAsync();

        var expected = records.Select(r => r.Invite).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id.ToString("D"), StringComparer.Ordinal).Select(i => i.Id);
        Assert.Equal(expected, summaries.Select(s => s.Id));
    }
}
