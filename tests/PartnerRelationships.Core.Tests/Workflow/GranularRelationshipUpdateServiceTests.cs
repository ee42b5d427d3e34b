using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

public class GranularRelationshipUpdateServiceTests
{
    [Fact]
    public async Task Auto_extend_turns_on_over_many_customers_and_refuses_Global_Administrator()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var tenants = Enumerable.Range(1, 40).Select(i => $"bbbbbbbb-0000-0000-0000-{i:D12}").ToList();
        foreach (var (tenant, i) in tenants.Select((t, i) => (t, i)))
        {
            var roles = i % 10 == 0 ? new[] { RoleCatalog.GlobalAdministrator, RoleCatalog.HelpdeskAdministrator } : new[] { RoleCatalog.HelpdeskAdministrator };
            await WorkflowTestData.ActiveRelationshipAsync(h, $"Rel {i}", tenant, $"Customer {i}", roles);
        }

        var service = new GranularRelationshipUpdateService(h.GraphGdap);
        var plans = new List<RelationshipChange>();
        foreach (var tenant in tenants)
        {
            plans.AddRange(await service.PlanAutoExtendAsync(tenant, enable: true));
        }

        Assert.Equal(36, plans.Count(c => c.Kind == RelationshipChangeKind.Change));
        var refused = plans.Where(c => c.Kind == RelationshipChangeKind.NotAllowed).ToList();
        Assert.Equal(4, refused.Count);
        Assert.All(refused, c => Assert.Contains("includes Global Administrator", c.Description));
        // The way out it names is a real cmdlet and switch (it once named a cmdlet the module does not have).
        Assert.All(refused, c => Assert.Contains("(Set-GranularRelationship -RemoveGlobalAdministrator)", c.Description));

        foreach (var change in plans.Where(c => c.Kind == RelationshipChangeKind.Change))
        {
            var updated = await service.ApplyAutoExtendAsync(change, enable: true);
            Assert.Equal(TimeSpan.FromDays(180), updated.AutoExtendDuration);
        }

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.ApplyAutoExtendAsync(refused[0], enable: true));
        Assert.Equal(ErrorIds.Workflow.AutoExtendWithGlobalAdministrator, error.ErrorId);

        // Done: a second plan has nothing left to change, and turning it off plans one change each.
        Assert.All(await service.PlanAutoExtendAsync(tenants[1], enable: true), c => Assert.Equal(RelationshipChangeKind.NoChange, c.Kind));
        var off = Assert.Single(await service.PlanAutoExtendAsync(tenants[1], enable: false));
        Assert.Equal(RelationshipChangeKind.Change, off.Kind);
        Assert.Equal(TimeSpan.Zero, (await service.ApplyAutoExtendAsync(off, enable: false)).AutoExtendDuration);
    }

    [Fact]
    public async Task A_stale_ETag_fails_the_auto_extend_change()
    {
        await using var h = await WorkflowHarness.StartAsync();
        const string tenant = "bbbbbbbb-0000-0000-0000-000000000001";
        await WorkflowTestData.ActiveRelationshipAsync(h, "Rel", tenant, "Customer");
        var service = new GranularRelationshipUpdateService(h.GraphGdap);
        var change = Assert.Single(await service.PlanAutoExtendAsync(tenant, enable: true));
        await service.ApplyAutoExtendAsync(change, enable: true);

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.ApplyAutoExtendAsync(change, enable: true));
        Assert.Equal("RemotePreconditionFailed", error.ErrorId);
    }

    [Fact]
    public async Task Global_Administrator_is_removed_from_active_relationships_and_their_assignments()
    {
        await using var h = await WorkflowHarness.StartAsync();
        const string tenant = "cccccccc-0000-0000-0000-000000000001";
        const string group = "11111111-2222-3333-4444-555555555555";
        const string onlyGa = "22222222-3333-4444-5555-666666666666";
        var r = await WorkflowTestData.ActiveRelationshipAsync(h, "With GA", tenant, "Contoso", RoleCatalog.GlobalAdministrator, RoleCatalog.HelpdeskAdministrator);
        await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec(group, new[] { RoleCatalog.GlobalAdministrator, RoleCatalog.HelpdeskAdministrator }));
        await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec(onlyGa, new[] { RoleCatalog.GlobalAdministrator }));
        await WorkflowTestData.ActiveRelationshipAsync(h, "GA only", tenant, "Contoso", RoleCatalog.GlobalAdministrator);
        await WorkflowTestData.ActiveRelationshipAsync(h, "Narrow", tenant, "Contoso", RoleCatalog.HelpdeskAdministrator);
        var service = new GranularRelationshipUpdateService(h.GraphGdap);

        var plan = await service.PlanGlobalAdministratorRemovalAsync(tenant);

        Assert.Equal(new[] { ("With GA", RelationshipChangeKind.Change), ("GA only", RelationshipChangeKind.NotAllowed) },
            plan.Select(c => (c.Relationship.DisplayName, c.Kind)));
        Assert.Contains("keeping Helpdesk Administrator", plan[0].Description);
        Assert.Contains("only role. Terminate the relationship instead", plan[1].Description);

        var updated = await service.ApplyGlobalAdministratorRemovalAsync(plan[0]);

        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator }, updated.Roles);
        var assignments = await h.GraphGdap.ListAccessAssignmentsAsync(r.Id);
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator }, assignments.Single(a => a.SecurityGroupId == group).Roles);
        Assert.Equal("deleted", assignments.Single(a => a.SecurityGroupId == onlyGa).Status);
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.ApplyGlobalAdministratorRemovalAsync(plan[1]));
        Assert.Equal(ErrorIds.Template.GlobalAdministratorNeedsNewRelationship, error.ErrorId);

        // With Global Administrator gone, auto-extend is allowed.
        var autoExtend = Assert.Single(await service.PlanAutoExtendAsync(tenant, enable: true), c => c.Relationship.Id == r.Id);
        Assert.Equal(RelationshipChangeKind.Change, autoExtend.Kind);
    }

    [Fact]
    public async Task Removals_applied_together_come_back_in_order_and_one_refusal_does_not_stop_the_others()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var tenants = Enumerable.Range(1, 5).Select(i => $"dddddddd-0000-0000-0000-{i:D12}").ToList();
        foreach (var (tenant, i) in tenants.Select((t, i) => (t, i)))
        {
            // The third has Global Administrator as its only role: the service can't remove it (NotAllowed).
            var roles = i == 2 ? new[] { RoleCatalog.GlobalAdministrator } : new[] { RoleCatalog.GlobalAdministrator, RoleCatalog.HelpdeskAdministrator };
            await WorkflowTestData.ActiveRelationshipAsync(h, $"Rel {i}", tenant, $"Customer {i}", roles);
        }

        var service = new GranularRelationshipUpdateService(h.GraphGdap);
        var changes = new List<RelationshipChange>();
        foreach (var tenant in tenants)
        {
            changes.AddRange(await service.PlanGlobalAdministratorRemovalAsync(tenant));
        }

        var outcomes = await service.ApplyGlobalAdministratorRemovalsAsync(changes, maxConcurrency: 3);

        Assert.Equal(changes, outcomes.Select(o => o.Item));
        Assert.Equal(new[] { true, true, false, true, true }, outcomes.Select(o => o.Succeeded));
        Assert.Equal(ErrorIds.Template.GlobalAdministratorNeedsNewRelationship, Assert.IsType<PartnerRelationshipsException>(outcomes[2].Error).ErrorId);
        Assert.All(outcomes.Where(o => o.Succeeded), o => Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator }, o.Result!.Roles));
        foreach (var outcome in outcomes.Where(o => o.Succeeded))
        {
            Assert.DoesNotContain(RoleCatalog.GlobalAdministrator, (await h.GraphGdap.GetRelationshipAsync(outcome.Item.Relationship.Id)).Roles);
        }
    }

    [Fact]
    public async Task A_relationship_awaiting_approval_cannot_lose_Global_Administrator()
    {
        await using var h = await WorkflowHarness.StartAsync();
        const string tenant = "cccccccc-0000-0000-0000-000000000002";
        var created = await h.GraphGdap.CreateRelationshipAsync(new RelationshipSpec
        {
            DisplayName = "Pending GA", CustomerTenantId = tenant, CustomerName = "Contoso", Roles = new[] { RoleCatalog.GlobalAdministrator, RoleCatalog.DirectoryReaders },
        });
        await h.GraphGdap.LockForApprovalAsync(created.Id);
        h.State.CompletePendingWork(); // the service processes the lock request

        var change = Assert.Single(await new GranularRelationshipUpdateService(h.GraphGdap).PlanGlobalAdministratorRemovalAsync(tenant));

        Assert.Equal(RelationshipChangeKind.NotAllowed, change.Kind);
        Assert.Contains("while it is ApprovalPending", change.Description);
        Assert.Contains("invite the customer to a new relationship without Global Administrator", change.Description);
    }
}
