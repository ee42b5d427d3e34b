using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

public class CompactInviteListTests
{
    private static InviteSummary Invite(int i) => new()
    {
        Id = Guid.NewGuid(),
        Kind = i % 2 == 0 ? InviteKind.Reseller : InviteKind.GranularAdmin,
        Status = (InviteStatus)(i % 5),
        CustomerName = "Customer " + i,
        CustomerTenantId = i % 3 == 0 ? null : "tenant-" + i,
        RelationshipId = i % 4 == 0 ? null : "rel-" + i,
        RelationshipDisplayName = i % 4 == 0 ? null : "GDAP " + i,
        // Offsets east and west of UTC, and ticks below the second: what a store hands back comes back the same.
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(330)).AddTicks(i * 12_345_678L),
        StatusChangedAt = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(-8)).AddTicks(i * 7L),
    };

    [Fact]
    public void Rows_read_back_as_the_summaries_that_were_added_across_block_boundaries()
    {
        var added = Enumerable.Range(0, 2_500).Select(Invite).ToList();
        var list = new CompactInviteList();
        foreach (var invite in added)
        {
            list.Add(invite);
        }

        list.TrimExcess();

        Assert.Equal(2_500, list.Count);
        Assert.Equal(added, list);
        foreach (var i in new[] { 0, 1_023, 1_024, 2_047, 2_048, 2_499 })
        {
            var read = list[i];
            Assert.Equal(added[i], read);
            Assert.Equal(added[i].CreatedAt.Offset, read.CreatedAt.Offset);
            Assert.Equal(added[i].StatusChangedAt.Offset, read.StatusChangedAt.Offset);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => list[2_500]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void The_strings_given_in_place_of_the_invites_own_are_the_ones_read_back()
    {
        var list = new CompactInviteList();
        var invite = Invite(1);
        var name = new string("Customer 1".ToCharArray());
        var tenant = new string("tenant-1".ToCharArray());

        list.Add(invite, name, tenant, "rel-shared", null);

        var read = Assert.Single(list);
        Assert.Same(name, read.CustomerName);
        Assert.Same(tenant, read.CustomerTenantId);
        Assert.Equal("rel-shared", read.RelationshipId);
        Assert.Null(read.RelationshipDisplayName);
        Assert.Equal(invite.Id, read.Id);
    }

    [Fact]
    public void An_empty_list_trims_and_enumerates_to_nothing()
    {
        var list = new CompactInviteList();
        list.TrimExcess();

        Assert.Empty(list);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[0]);
    }
}
