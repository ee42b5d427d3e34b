using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>The snapshot's indexes: what the rules look up by customer and id.</summary>
public class ComplianceSnapshotTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private static ComplianceRelationship Relationship(string id, string? tenantId, string? customerName = null) =>
        new() { Id = id, DisplayName = "GDAP " + id, CustomerTenantId = tenantId, CustomerName = customerName, Status = RelationshipStatus.Active };

    [Fact]
    public void A_customers_relationships_come_in_listing_order_whatever_the_case_of_the_tenant_id()
    {
        var snapshot = new ComplianceSnapshot(Now, Array.Empty<InviteSummary>(), new[]
        {
            Relationship("r1", "tenant-a"), Relationship("r2", "tenant-b"), Relationship("r3", "TENANT-A"),
            Relationship("r4", null), Relationship("r5", "tenant-a"), Relationship("r6", "tenant-c"),
        }, Array.Empty<ComplianceCustomer>());

        Assert.Equal(new[] { "r1", "r3", "r5" }, snapshot.RelationshipsOf("Tenant-A").Select(r => r.Id));
        Assert.Equal(new[] { "r2" }, snapshot.RelationshipsOf("tenant-b").Select(r => r.Id));
        Assert.Equal(new[] { "r6" }, snapshot.RelationshipsOf("tenant-c").Select(r => r.Id));
        Assert.Empty(snapshot.RelationshipsOf("tenant-d"));
        Assert.Empty(snapshot.RelationshipsOf(null));
        Assert.Equal("r4", snapshot.FindRelationship("R4")!.Id);
    }

    [Fact]
    public void A_customers_name_comes_from_partner_center_else_from_its_first_named_relationship()
    {
        var snapshot = new ComplianceSnapshot(Now, Array.Empty<InviteSummary>(), new[]
        {
            Relationship("r1", "tenant-a"), Relationship("r2", "tenant-a", "Contoso (from GDAP)"), Relationship("r3", "tenant-a", "Later name"),
            Relationship("r4", "tenant-b", "Fabrikam (from GDAP)"),
        }, new[] { new ComplianceCustomer("tenant-b", "Fabrikam", "reseller", true) });

        Assert.Equal("Contoso (from GDAP)", snapshot.CustomerNameOf("tenant-a"));
        Assert.Equal("Fabrikam", snapshot.CustomerNameOf("TENANT-B"));
        Assert.Equal("fallback", snapshot.CustomerNameOf("tenant-c", "fallback"));
    }

    [Fact]
    public void Without_the_service_lists_the_snapshot_answers_from_its_own_relationships_and_customers()
    {
        var snapshot = new ComplianceSnapshot(Now, Array.Empty<InviteSummary>(), new[] { Relationship("r1", "tenant-a") },
            new[] { new ComplianceCustomer("tenant-a", "Contoso", "reseller", true), new ComplianceCustomer("tenant-b", "Fabrikam", "reseller", null) });

        Assert.True(snapshot.ServiceHasRelationship("R1"));
        Assert.False(snapshot.ServiceHasRelationship("r2"));
        Assert.True(snapshot.ServiceHasCustomer("TENANT-B"));
        Assert.False(snapshot.ServiceHasCustomer("tenant-c"));
        Assert.Equal(2, snapshot.ServiceCustomerCount);
    }

    [Fact]
    public void With_the_service_lists_a_filtered_snapshot_still_knows_everything_the_service_listed()
    {
        var snapshot = new ComplianceSnapshot(Now, Array.Empty<InviteSummary>(), new[] { Relationship("r1", "tenant-a") },
            new[] { new ComplianceCustomer("tenant-a", "Contoso", "reseller", true) },
            serviceRelationshipIds: new[] { "r1", "r2" }, serviceCustomerTenantIds: new[] { "tenant-a", "tenant-b", "tenant-c" });

        Assert.True(snapshot.ServiceHasRelationship("R2"));
        Assert.Null(snapshot.FindRelationship("r2"));
        Assert.True(snapshot.ServiceHasCustomer("tenant-c"));
        Assert.Equal(3, snapshot.ServiceCustomerCount);
    }
}
