using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class AdminPermissionPlanStepsTests
{
    private const string Tenant = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Group = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";

    [Fact]
    public async Task Applying_a_narrowed_plan_changes_only_the_chosen_relationships()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var first = await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");
        var second = await ActiveRelationshipAsync(h, "Contoso helpdesk 2", Tenant, "Contoso Ltd");
        var service = new AdminPermissionService(h.GraphGdap);
        var plan = await service.PlanAsync(new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } });
        Assert.Equal(2, plan.Steps.Count);

        var narrowed = plan.WithSteps(plan.Steps.Where(s => s.Relationship.Id == second.Id));
        var applied = Assert.Single(await service.ApplyAsync(narrowed));

        Assert.Equal(second.Id, applied.RelationshipId);
        Assert.Equal(Group, narrowed.SecurityGroupId);
        Assert.Empty(await ListAsync(service, first.Id));
        Assert.Single(await ListAsync(service, second.Id));
    }

    [Fact]
    public async Task A_step_from_another_plan_is_refused()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await ActiveRelationshipAsync(h, "Contoso helpdesk", Tenant, "Contoso Ltd");
        var service = new AdminPermissionService(h.GraphGdap);
        var request = new AdminPermissionRequest { CustomerTenantId = Tenant, SecurityGroupId = Group, Roles = new[] { "Helpdesk Administrator" } };
        var one = await service.PlanAsync(request);
        var other = await service.PlanAsync(request);

        Assert.Throws<ArgumentException>(() => one.WithSteps(other.Steps.Select(s => s with { ETag = "W/\"changed\"" })));
        Assert.Empty(one.WithSteps(Array.Empty<AdminPermissionStep>()).Steps);
    }

    private static async Task<List<AdminPermission>> ListAsync(AdminPermissionService service, string relationshipId)
    {
        var list = new List<AdminPermission>();
        await foreach (var a in service.GetAsync(relationshipId, null)) list.Add(a);
        return list;
    }
}
