using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

/// <summary>
/// The statuses a real relationship passes through (approved, activating, expiring, terminationRequested, terminating)
/// and the reseller relationships the list also holds, as each workflow meets them in the sandbox.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class TransitionalStatusWorkflowTests
{
    private const string Tenant = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Group = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";

    [Fact]
    public async Task Sync_keeps_the_invite_pending_while_approved_and_activating_and_records_the_acceptance_once_active()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await GranularInviteAsync(h, tenantId: Tenant);
        h.State.ApproveRelationship(invite.RelationshipId!, Tenant, "Fabrikam Ltd");

        Assert.Equal("approved", h.State.FindRelationship(invite.RelationshipId!)!.Status);
        Assert.Empty(await RunAsync(Sync(h)));
        h.Time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal("activating", h.State.FindRelationship(invite.RelationshipId!)!.Status);
        Assert.Empty(await RunAsync(Sync(h)));
        Assert.Equal(InviteStatus.Pending, (await h.Store.GetInviteAsync(invite.Id))!.Status);

        h.Time.Advance(TimeSpan.FromSeconds(2.5));
        var accepted = Assert.Single(await RunAsync(Sync(h)));

        Assert.Equal(InviteStatus.Accepted, accepted.To);
        Assert.Equal(h.State.FindRelationship(invite.RelationshipId!)!.ActivatedDateTime, accepted.At);
    }

    [Fact]
    public async Task Admin_permissions_on_a_relationship_being_activated_say_to_try_again_shortly()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await GranularInviteAsync(h, tenantId: Tenant);
        h.State.ApproveRelationship(invite.RelationshipId!, Tenant, "Fabrikam Ltd");

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => new AdminPermissionService(h.GraphGdap).PlanAsync(
            new AdminPermissionRequest { RelationshipId = invite.RelationshipId, SecurityGroupId = Group, Roles = new[] { "Directory Readers" } }));

        Assert.Equal(ErrorIds.Workflow.RelationshipNotActive, error.ErrorId);
        Assert.Contains("activating it", error.Message);
    }

    [Fact]
    public async Task Removal_leaves_an_activating_relationship_for_a_later_run_and_says_why()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await GranularInviteAsync(h, tenantId: Tenant);
        h.State.ApproveRelationship(invite.RelationshipId!, Tenant, "Fabrikam Ltd");
        var service = new RelationshipRemovalService(h.Store, h.GraphGdap, h.PartnerCenter, h.Clock);

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant, Granular = true }));

        Assert.Equal(ErrorIds.Workflow.NothingToRemove, error.ErrorId);
        Assert.Contains("being activated", error.Message);
    }

    [Fact]
    public async Task A_terminate_request_is_under_way_until_the_service_ends_the_relationship()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var relationship = await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");

        var request = await h.GraphGdap.TerminateAsync(relationship.Id);

        Assert.Equal("created", request.Status); // delegatedadminrelationship-post-requests
        Assert.Equal(RelationshipStatus.Active, (await h.GraphGdap.GetRelationshipAsync(relationship.Id)).Status);
        h.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(RelationshipStatus.Terminating, (await h.GraphGdap.GetRelationshipAsync(relationship.Id)).Status);
        var again = new RelationshipRemovalService(h.Store, h.GraphGdap, h.PartnerCenter, h.Clock);
        await Assert.ThrowsAsync<PartnerRelationshipsException>(() => again.PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant, Granular = true }));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RelationshipStatus.Terminated, (await h.GraphGdap.GetRelationshipAsync(relationship.Id)).Status);
    }

    [Fact]
    public async Task An_expiring_relationship_still_carries_admin_permissions()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");
        h.Time.Advance(TimeSpan.FromDays(725));
        Assert.Equal("expiring", Assert.Single(h.State.Relationships).Status);

        var set = Assert.Single(await new AdminPermissionService(h.GraphGdap).SetAsync(
            new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Directory Readers" } }));

        Assert.Equal(Group, set.SecurityGroupId);
    }

    [Fact]
    public async Task A_reseller_relationship_in_the_list_is_not_the_partners_own_anywhere()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant, "contoso.example");
        await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");
        var reseller = h.State.AddResellerRelationship("Indirect provider for reseller", Tenant, "Contoso Ltd",
            "60ea59db-a506-485e-94c5-d115f369e239", isPartnerConsentPending: false, status: "active", roleIds: null);

        var customers = new List<PartnerCustomer>();
        await foreach (var c in new CustomerDirectory(h.GraphGdap, h.PartnerCenter).ListAsync()) customers.Add(c);
        var removal = await new RelationshipRemovalService(h.Store, h.GraphGdap, h.PartnerCenter, h.Clock)
            .PlanAsync(new RelationshipRemovalRequest { CustomerTenantId = Tenant, Granular = true });
        var permissions = new List<AdminPermission>();
        await foreach (var p in new AdminPermissionService(h.GraphGdap).GetAsync(null, Tenant)) permissions.Add(p);

        Assert.Equal("Contoso helpdesk", Assert.Single(Assert.Single(customers).GranularRelationships).DisplayName);
        Assert.Equal("Contoso helpdesk", Assert.Single(removal.ToTerminate).DisplayName);
        Assert.DoesNotContain(permissions, p => p.RelationshipId == reseller.Id);
        var byId = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => new AdminPermissionService(h.GraphGdap).PlanAsync(
            new AdminPermissionRequest { RelationshipId = reseller.Id, SecurityGroupId = Group, Roles = new[] { "Directory Readers" } }));
        Assert.Contains("reseller relationship", byId.Message);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LockRequestRetryTests
{
    [Fact]
    public async Task A_second_lock_while_the_first_is_processed_is_the_same_work_not_an_error()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var created = await h.GraphGdap.CreateRelationshipAsync(new RelationshipSpec
        {
            DisplayName = "Lock twice", CustomerTenantId = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", CustomerName = "Contoso",
            Roles = new[] { PartnerRelationships.Core.Roles.RoleCatalog.DirectoryReaders },
        });
        var first = await h.GraphGdap.LockForApprovalAsync(created.Id);

        var second = await h.GraphGdap.LockForApprovalAsync(created.Id); // e.g. a retry whose first answer was lost

        Assert.Equal("created", first.Status);
        Assert.Equal(first.Id, second.Id);
    }
}
