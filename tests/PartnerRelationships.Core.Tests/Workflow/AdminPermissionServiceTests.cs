using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class AdminPermissionServiceTests
{
    private const string Tenant = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Group = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";

    [Fact]
    public async Task An_update_whose_operation_outlasts_the_wait_says_it_is_in_progress_with_the_roles_still_in_force()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");
        var service = new AdminPermissionService(h.GraphGdap);
        await service.SetAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } });
        h.State.CompletePendingWork();
        ((PartnerRelationships.Core.Remote.GraphGdapClient)h.GraphGdap).OperationWaitLimit = TimeSpan.FromSeconds(1); // shorter than Retry-After

        var updated = Assert.Single(await service.SetAsync(new AdminPermissionRequest
        {
            CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator", "Directory Readers" },
        }));

        Assert.Equal("in progress", updated.State);
        Assert.Equal("notStarted", updated.OperationStatus);
        Assert.Equal("pending", updated.Status);
        Assert.Equal(new[] { "Helpdesk Administrator" }, updated.Roles); // in force now
        Assert.Equal(new[] { "Helpdesk Administrator", "Directory Readers" }, updated.RequestedRoles);
        Assert.False(string.IsNullOrEmpty(updated.AssignmentId));

        h.State.CompletePendingWork(); // the service finishes the operation
        var listed = Assert.Single(await ListAsync(service, Tenant));
        Assert.Equal(2, listed.Roles.Count);
        Assert.Equal("done", listed.State);
    }

    [Fact]
    public async Task Creates_then_updates_the_groups_assignment_with_its_ETag()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");
        var service = new AdminPermissionService(h.GraphGdap);

        var plan = await service.PlanAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } });
        Assert.Equal(AdminPermissionAction.Create, Assert.Single(plan.Steps).Action);
        Assert.Contains("Assign Helpdesk Administrator to group " + Group, plan.Description);
        Assert.Empty(await ListAsync(service, Tenant)); // Planning changed nothing.

        var created = Assert.Single(await service.ApplyAsync(plan));
        Assert.Equal(new[] { "Helpdesk Administrator" }, created.Roles);

        var update = await service.PlanAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator", "Directory Readers" } });
        var step = Assert.Single(update.Steps);
        Assert.Equal(AdminPermissionAction.Update, step.Action);
        Assert.Contains("from Helpdesk Administrator to Helpdesk Administrator, Directory Readers", update.Description);
        var updated = Assert.Single(await service.ApplyAsync(update));
        Assert.Equal(created.AssignmentId, updated.AssignmentId);
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders }.OrderBy(x => x), updated.RoleIds.OrderBy(x => x));
        // The update was a 202 operation, followed to its end: the record says so and is complete, not empty.
        Assert.Equal("succeeded", updated.OperationStatus);
        Assert.NotNull(updated.OperationId);
        Assert.Equal("done", updated.State);
        Assert.Equal(Group, updated.SecurityGroupId);
        Assert.NotNull(updated.ETag);

        var same = await service.PlanAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Directory Readers", "Helpdesk Administrator" } });
        Assert.False(same.HasChanges);

        var listed = Assert.Single(await ListAsync(service, Tenant));
        Assert.Equal(Group, listed.SecurityGroupId);
        Assert.NotNull(listed.ETag);
    }

    [Fact]
    public async Task A_stale_ETag_fails_instead_of_overwriting()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var relationship = await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");
        var service = new AdminPermissionService(h.GraphGdap);
        await service.SetAsync(new AdminPermissionRequest { RelationshipId = relationship.Id, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } });
        var plan = await service.PlanAsync(new AdminPermissionRequest { RelationshipId = relationship.Id, SecurityGroupId = Group, Roles = new[] { "Directory Readers" } });

        // Someone else changes it between plan and apply.
        await service.SetAsync(new AdminPermissionRequest { RelationshipId = relationship.Id, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator", "Directory Readers" } });

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.ApplyAsync(plan));
        Assert.Equal("RemotePreconditionFailed", ex.ErrorId);
    }

    [Fact]
    public async Task Not_active_relationships_and_roles_outside_the_relationship_are_refused()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var service = new AdminPermissionService(h.GraphGdap);
        var invite = await GranularInviteAsync(h, "Pending Co", Tenant);

        var pending = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.PlanAsync(new AdminPermissionRequest { RelationshipId = invite.RelationshipId, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } }));
        Assert.Equal(ErrorIds.Workflow.RelationshipNotActive, pending.ErrorId);
        Assert.Contains("approves", pending.Message);
        var byCustomer = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.PlanAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } }));
        Assert.Equal(ErrorIds.Workflow.RelationshipNotActive, byCustomer.ErrorId);

        h.State.ApproveAndActivate(invite.RelationshipId!);
        var outside = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.PlanAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Global Administrator" } }));
        Assert.Equal(ErrorIds.Workflow.RoleNotInRelationship, outside.ErrorId);
        Assert.Contains("Global Administrator", outside.Message);

        Assert.Equal(ErrorIds.Workflow.InvalidSecurityGroupId, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() =>
            service.PlanAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = "helpdesk", Roles = new[] { "Helpdesk Administrator" } }))).ErrorId);
        Assert.Equal(ErrorIds.Workflow.AdminPermissionTargetMissing, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() =>
            service.PlanAsync(new AdminPermissionRequest { SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } }))).ErrorId);
    }

    private static async Task<List<AdminPermission>> ListAsync(AdminPermissionService service, string tenant)
    {
        var list = new List<AdminPermission>();
        await foreach (var p in service.GetAsync(null, tenant))
        {
            list.Add(p);
        }

        return list;
    }
}
