using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

public sealed class RelationshipsByCustomerTests
{
    private const string Contoso = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Fabrikam = "5c3f3c4b-2d3e-4f60-9bac-1d2e3f4a5b6c";
    private const string Helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

    private static DelegatedAdminRelationshipInfo Relationship(string id, string? tenantId, string? customerName = null, RelationshipStatus status = RelationshipStatus.Active, params string[] roles) => new()
    {
        Id = id,
        DisplayName = "GDAP " + id,
        CustomerTenantId = tenantId,
        CustomerName = customerName,
        Status = status,
        Roles = roles.Length == 0 ? new[] { Helpdesk } : roles,
        EndDateTime = new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
        AutoExtendDuration = id.EndsWith("auto") ? TimeSpan.FromDays(180) : TimeSpan.Zero,
    };

    [Fact]
    public void A_customer_gets_its_relationships_back_in_the_order_listed_with_every_value()
    {
        var index = new RelationshipsByCustomer();
        index.Add(Relationship("r1-auto", Contoso, "Contoso Ltd", roles: new[] { RoleCatalog.GlobalAdministrator, Helpdesk }));
        index.Add(Relationship("r2", Fabrikam, "Fabrikam Inc"));
        index.Add(Relationship("r3", Contoso, "Contoso Ltd"));

        var contoso = index.Take(Contoso);
        var (all, notEnded) = index.Summaries(contoso);

        Assert.Equal(new[] { "r1-auto", "r3" }, all.Select(r => r.Id));
        Assert.Same(all, notEnded); // none ended: one list
        var first = all[0];
        Assert.Equal("GDAP r1-auto", first.DisplayName);
        Assert.Equal(RelationshipStatus.Active, first.Status);
        Assert.Equal(new[] { RoleCatalog.GlobalAdministrator, Helpdesk }, first.RoleIds);
        Assert.Equal(new[] { "Global Administrator", RoleCatalog.NameOf(Helpdesk) }, first.Roles);
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), first.EndDateTime);
        Assert.Equal(TimeSpan.FromHours(2), first.EndDateTime!.Value.Offset);
        Assert.True(first.AutoExtend);
        Assert.False(all[1].AutoExtend);
    }

    [Fact]
    public void Relationships_with_the_same_roles_share_one_role_list()
    {
        var index = new RelationshipsByCustomer();
        index.Add(Relationship("r1", Contoso));
        index.Add(Relationship("r2", Fabrikam));

        var contoso = index.Summaries(index.Take(Contoso)).All[0];
        var fabrikam = index.Summaries(index.Take(Fabrikam)).All[0];

        Assert.Same(contoso.RoleIds, fabrikam.RoleIds);
        Assert.Same(contoso.Roles, fabrikam.Roles);
    }

    [Fact]
    public void Expired_and_terminated_relationships_are_in_All_but_not_in_NotEnded()
    {
        var index = new RelationshipsByCustomer();
        index.Add(Relationship("expired", Contoso, status: RelationshipStatus.Expired));
        index.Add(Relationship("active", Contoso));
        index.Add(Relationship("terminated", Contoso, status: RelationshipStatus.Terminated));
        index.Add(Relationship("pending", Contoso, status: RelationshipStatus.ApprovalPending));

        var (all, notEnded) = index.Summaries(index.Take(Contoso));

        Assert.Equal(new[] { "expired", "active", "terminated", "pending" }, all.Select(r => r.Id));
        Assert.Equal(new[] { "active", "pending" }, notEnded.Select(r => r.Id));
    }

    [Fact]
    public void A_tenant_id_matches_without_regard_to_case_in_GUID_form_and_in_any_other()
    {
        var index = new RelationshipsByCustomer();
        index.Add(Relationship("r1", Contoso.ToUpperInvariant()));
        index.Add(Relationship("r2", "Tenant-Not-A-Guid"));

        Assert.Equal(0, index.Take(Contoso));
        Assert.Equal(1, index.Take("tenant-not-a-guid"));
        Assert.Equal(-1, index.Take(Fabrikam));
        Assert.Equal(Contoso.ToUpperInvariant(), index.TenantIdOf(0)); // as the relationship gave it
    }

    [Fact]
    public void Customers_never_taken_are_listed_in_the_order_first_seen_with_their_first_non_blank_name()
    {
        var index = new RelationshipsByCustomer();
        index.Add(Relationship("r1", Fabrikam, " "));
        index.Add(Relationship("r2", Contoso, "Contoso Ltd"));
        index.Add(Relationship("r3", Fabrikam, "Fabrikam Inc"));
        index.Add(Relationship("r4", "7e5b5e6d-4f50-4182-9dce-3f4a5b6c7d8e"));
        index.Add(Relationship("r5", Fabrikam, "Fabrikam, renamed"));

        index.Take(Contoso);
        var graphOnly = index.NotTaken().ToList();

        Assert.Equal(new[] { Fabrikam, "7e5b5e6d-4f50-4182-9dce-3f4a5b6c7d8e" }, graphOnly.Select(index.TenantIdOf));
        Assert.Equal(new[] { "Fabrikam Inc", null }, graphOnly.Select(index.CustomerNameOf));
        Assert.Equal(5, index.Count);
        Assert.Equal(3, index.CustomerCount);
    }

    [Fact]
    public void A_relationship_without_a_customer_is_not_held()
    {
        var index = new RelationshipsByCustomer();
        Assert.False(index.Add(Relationship("not approved yet", null)));
        Assert.False(index.Add(Relationship("blank", "  ")));
        Assert.True(index.Add(Relationship("held", Contoso)));

        Assert.Equal(1, index.Count);
        Assert.Equal(Contoso, index.TenantIdOf(Assert.Single(index.NotTaken())));
    }
}
