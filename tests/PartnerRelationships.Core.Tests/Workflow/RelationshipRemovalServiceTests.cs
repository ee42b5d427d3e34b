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
    public async Task Granular_relationships_that_ended_are_recorded_even_when_active_subscriptions_block_the_reseller_removal()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var granular = await GranularInviteAsync(h, "Contoso Ltd", Tenant);
        var reseller = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example", Tenant);
        h.State.ApproveAndActivate(granular.RelationshipId!);
        h.State.AcceptResellerLink("Contoso Ltd", Tenant, hasActiveSubscriptions: true);
        Assert.Equal(2, (await RunAsync(Sync(h))).Count);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() =>
            Service(h).RemoveAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant, Granular = true, Reseller = true }));

        Assert.Equal(ErrorIds.Workflow.ActiveSubscriptionsBlockRemoval, ex.ErrorId);
        Assert.EndsWith("(The 1 granular relationship(s) were terminated; 1 invite(s) recorded as Terminated.)", ex.Message);
        Assert.Equal(InviteStatus.Terminated, (await h.Store.GetInviteAsync(granular.Id))!.Status);
        Assert.Equal(InviteStatus.Accepted, (await h.Store.GetInviteAsync(reseller.Id))!.Status);
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

    [Fact]
    public async Task A_granular_invite_is_recorded_once_the_service_shows_its_relationship_ending()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var granular = await AcceptedGranularInviteAsync(h);
        var clock = (TestClock)h.Time;
        string? statusAtFirstWait = null;
        clock.OnWait = (n, _) => statusAtFirstWait ??= h.State.FindRelationship(granular.RelationshipId!)!.Status;
        var progress = new ProgressLog();

        var plan = await Service(h).PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant });
        var result = await Service(h).ExecuteAsync(plan, progress);

        // The request starts created and the relationship is still active (delegatedadminrelationship-post-requests):
        // the removal read it back each second until the sandbox moved it, a third of its 5 s later.
        Assert.Equal("active", statusAtFirstWait);
        Assert.Equal(new[] { RelationshipRemovalService.TerminationPoll, RelationshipRemovalService.TerminationPoll }, clock.Waits);
        Assert.Equal("1 of 1 not yet ending at the service", progress.Reports[0].Status);
        Assert.Empty(result.TerminationUnconfirmedRelationshipIds);
        var recorded = Assert.Single(result.InviteTransitions);
        Assert.Equal(InviteStatus.Terminated, recorded.To);
        Assert.Equal("partner terminated the relationship (service: terminationRequested)", recorded.Detail);
        Assert.Equal(InviteStatus.Terminated, (await h.Store.GetInviteAsync(granular.Id))!.Status);
    }

    [Fact]
    public async Task A_terminate_request_the_service_fails_is_not_recorded_and_is_named_unconfirmed()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var granular = await AcceptedGranularInviteAsync(h);
        var clock = (TestClock)h.Time;
        clock.OnWait = (n, _) =>
        {
            if (n == 1) h.State.FailRequest(granular.RelationshipId!, TerminateRequest(h, granular.RelationshipId!).Id);
        };
        var service = Service(h);
        service.TerminationWaitLimit = TimeSpan.FromSeconds(10);

        var result = await service.ExecuteAsync(await service.PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant }));

        Assert.Equal(new[] { granular.RelationshipId! }, result.TerminatedRelationshipIds);
        Assert.Equal(new[] { granular.RelationshipId! }, result.TerminationUnconfirmedRelationshipIds);
        Assert.Empty(result.InviteTransitions);
        Assert.Equal(10, clock.Waits.Count); // read back each second until the limit, then given up
        Assert.Equal("failed", TerminateRequest(h, granular.RelationshipId!).Status);
        Assert.Equal(InviteStatus.Accepted, (await h.Store.GetInviteAsync(granular.Id))!.Status);
        h.State.CompletePendingWork();
        Assert.Equal("active", h.State.FindRelationship(granular.RelationshipId!)!.Status);
        Assert.Empty(await RunAsync(Sync(h))); // the store was right: nothing to correct

        // Run again: this time the service takes the request on.
        clock.OnWait = null;
        var again = await Service(h).ExecuteAsync(await Service(h).PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant }));
        Assert.Empty(again.TerminationUnconfirmedRelationshipIds);
        Assert.Equal(InviteStatus.Terminated, (await h.Store.GetInviteAsync(granular.Id))!.Status);
    }

    /// <summary>A granular invite the customer approved, recorded Accepted by a sync.</summary>
    private static async Task<ResellerInvite> AcceptedGranularInviteAsync(WorkflowHarness h)
    {
        var granular = await GranularInviteAsync(h, "Contoso Ltd", Tenant);
        h.State.ApproveAndActivate(granular.RelationshipId!);
        Assert.Single(await RunAsync(Sync(h)));
        return granular;
    }

    private static PartnerRelationships.Sandbox.State.SandboxRelationshipRequest TerminateRequest(WorkflowHarness h, string relationshipId) =>
        Assert.Single(h.State.ListRequests(relationshipId), q => q.Action == "terminate");
}
