using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class RelationshipRemovalServiceTests
{
    private const string Tenant = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

    private static RelationshipRemovalService Service(WorkflowHarness h) => new(h.Store, h.GraphGdap, h.PartnerCenter, h.Clock);

    [Fact]
    public async Task Terminates_granular_and_removes_reseller_relationship_and_records_it()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var granular = await GranularInviteAsync(h, "Contoso Ltd", Tenant);
        var reseller = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example", Tenant);
        h.State.ApproveAndActivate(granular.RelationshipId!);
        h.State.AcceptResellerLink("Contoso Ltd", Tenant);
        Assert.Equal(2, (await RunAsync(Sync(h))).Count);

        var plan = await Service(h).PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant, Granular = true, Reseller = true });
        Assert.Contains("terminate granular relationship(s)", plan.Description);
        Assert.Contains("remove the reseller relationship", plan.Description);
        var result = await Service(h).ExecuteAsync(plan);

        Assert.Equal(new[] { granular.RelationshipId! }, result.TerminatedRelationshipIds);
        Assert.True(result.ResellerRelationshipRemoved);
        Assert.Equal(RelationshipRemovalService.SupportResponsibilityWarning, result.Warning);
        Assert.Contains("Cloud Reseller Agreement", result.Warning);
        Assert.Equal(2, result.InviteTransitions.Count);
        Assert.Equal(InviteStatus.Terminated, (await h.Store.GetInviteAsync(granular.Id))!.Status);
        Assert.Equal(InviteStatus.Terminated, (await h.Store.GetInviteAsync(reseller.Id))!.Status);
        Assert.Equal("none", h.State.FindCustomer(Tenant)!.RelationshipToPartner);

        h.State.CompletePendingWork();
        Assert.Equal("terminated", h.State.FindRelationship(granular.RelationshipId!)!.Status);
        Assert.Empty(await RunAsync(Sync(h))); // Already recorded: the sync adds nothing.
    }

    [Fact]
    public async Task Active_subscriptions_block_removing_the_reseller_relationship_with_a_clear_error()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant, hasActiveSubscriptions: true);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Service(h).RemoveAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant, Granular = false, Reseller = true }));

        Assert.Equal(ErrorIds.Workflow.ActiveSubscriptionsBlockRemoval, ex.ErrorId);
        Assert.Contains("Cancel or transfer", ex.Message);
        Assert.Equal("reseller", h.State.FindCustomer(Tenant)!.RelationshipToPartner);
    }

    [Fact]
    public async Task Nothing_to_remove_says_so()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await GranularInviteAsync(h, "Contoso Ltd", Tenant); // Awaiting approval: can't be terminated.

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Service(h).PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant, Reseller = true }));

        Assert.Equal(ErrorIds.Workflow.NothingToRemove, ex.ErrorId);
        Assert.Contains("await approval", ex.Message);
    }

    [Fact]
    public async Task A_customer_with_only_a_reseller_relationship_is_named_and_told_to_add_Reseller()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso", Tenant, "contoso.example");

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Service(h).PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant }));

        Assert.Equal(ErrorIds.Workflow.NothingToRemove, ex.ErrorId);
        Assert.Equal("Contoso has no active granular relationship; add -Reseller to remove the reseller relationship.", ex.Message);
    }
}
