using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Templates.TemplateTestData;
using PartnerRelationships.Core.Tests.Templates;

namespace PartnerRelationships.Core.Tests.Workflow;

public class TemplatePlannerTests
{
    private const string Tenant = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Bare = "aaaaaaaa-0000-0000-0000-000000000002";

    [Fact]
    public async Task A_customer_that_matches_the_template_yields_an_empty_plan()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await AcceptedAsync(h, "Fabrikam Ltd", Tenant);

        var plan = await Planner(h).PlanAsync(AccessTemplates.Resolve(h.Config, "Support"), new[] { Tenant });

        Assert.Empty(plan.Items);
        Assert.Equal(1, plan.RelationshipsChecked);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public async Task Drift_yields_the_exact_plan_and_applying_it_fixes_it()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await AcceptedAsync(h, "Fabrikam Ltd", Tenant);
        var rid = invite.RelationshipId!;
        var assignments = h.State.ListAccessAssignments(rid);
        var agents = assignments.Single(a => a.AccessContainerId == Agents);
        var managers = assignments.Single(a => a.AccessContainerId == Managers);

        // Someone removed a role from the agents, deleted the managers' assignment and granted a stray group.
        h.State.UpdateAccessAssignment(rid, agents.Id, h.State.GetAccessAssignment(rid, agents.Id).ETag, new[] { RoleCatalog.DirectoryReaders });
        h.State.DeleteAccessAssignment(rid, managers.Id, h.State.GetAccessAssignment(rid, managers.Id).ETag);
        var stray = h.State.CreateAccessAssignment(rid, Stray, "securityGroup", new[] { RoleCatalog.DirectoryReaders });
        h.State.CompletePendingWork();

        var template = AccessTemplates.Resolve(h.Config, "Support");
        var plan = await Planner(h).PlanAsync(template, new[] { Tenant });

        Assert.Equal(new[]
        {
            (AccessPlanItemKind.Change, Agents),
            (AccessPlanItemKind.Add, Managers),
            (AccessPlanItemKind.Remove, Stray),
        }, plan.Items.Select(i => (i.Kind, i.GroupId!)));
        var relationshipName = invite.RelationshipDisplayName;
        Assert.Equal(new[]
        {
            $"Template 'Support': change the roles of group 'Agents' ({Agents}) on relationship '{relationshipName}' (Fabrikam Ltd) from Directory Readers to Helpdesk Administrator, Directory Readers",
            $"Template 'Support': assign User Administrator to group 'Managers' ({Managers}) on relationship '{relationshipName}' (Fabrikam Ltd)",
            $"Template 'Support': remove the assignment of group {Stray} (Directory Readers) from relationship '{relationshipName}' (Fabrikam Ltd); the template does not list the group",
        }, plan.Items.Select(i => i.Description));
        Assert.Equal(stray.Id, plan.Items[2].AssignmentId);
        Assert.NotNull(plan.Items[0].ETag);

        var planner = Planner(h);
        foreach (var item in plan.Items)
        {
            await planner.ApplyAsync(plan, item);
        }

        h.State.CompletePendingWork();
        Assert.Empty((await Planner(h).PlanAsync(template, new[] { Tenant })).Items);
        var now = await h.GraphGdap.ListAccessAssignmentsAsync(rid);
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders }.OrderBy(x => x),
            now.Single(a => a.SecurityGroupId == Agents && a.Status == "active").Roles.OrderBy(x => x));
        Assert.Contains(now, a => a.SecurityGroupId == Managers && a.Status == "active");
        Assert.DoesNotContain(now, a => a.SecurityGroupId == Stray && a.Status != "deleted");
    }

    [Fact]
    public async Task An_item_applies_on_its_own_as_when_piped_without_its_plan()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await AcceptedAsync(h, "Fabrikam Ltd", Tenant);
        var rid = invite.RelationshipId!;
        h.State.DeleteAccessAssignment(rid, h.State.ListAccessAssignments(rid).Single(a => a.AccessContainerId == Managers).Id,
            h.State.ListAccessAssignments(rid).Single(a => a.AccessContainerId == Managers).ETag);
        h.State.CompletePendingWork();
        var template = AccessTemplates.Resolve(h.Config, "Support");
        var item = Assert.Single((await Planner(h).PlanAsync(template, new[] { Tenant })).Items);

        // A copy, as a deserialized or re-bound pipeline object would be: not the plan's own instance.
        var created = await Planner(h).ApplyItemAsync(item with { });

        Assert.Equal(Managers, created!.SecurityGroupId);
        h.State.CompletePendingWork();
        Assert.Empty((await Planner(h).PlanAsync(template, new[] { Tenant })).Items);
    }

    [Fact]
    public async Task A_group_missing_item_applied_on_its_own_fails_with_its_reason()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await AcceptedAsync(h, "Fabrikam Ltd", Tenant);
        h.State.DeleteGroup(Managers);
        var item = Assert.Single((await Planner(h).PlanAsync(AccessTemplates.Resolve(h.Config, "Support"), new[] { Tenant })).Items);

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Planner(h).ApplyItemAsync(item));

        Assert.Equal(ErrorIds.Template.TemplateItemNotApplicable, error.ErrorId);
        Assert.Contains("no longer exists", error.Message);
    }

    [Fact]
    public async Task Planning_changes_nothing()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await AcceptedAsync(h, "Fabrikam Ltd", Tenant);
        var rid = invite.RelationshipId!;
        h.State.DeleteAccessAssignment(rid, h.State.ListAccessAssignments(rid).Single(a => a.AccessContainerId == Managers).Id,
            h.State.ListAccessAssignments(rid).Single(a => a.AccessContainerId == Managers).ETag);
        h.State.CompletePendingWork();
        var before = h.State.ListAccessAssignments(rid).Select(a => (a.Id, a.ETag, a.Status)).ToList();

        var plan = await Planner(h).PlanAsync(AccessTemplates.Resolve(h.Config, "Support"), new[] { Tenant });

        Assert.True(plan.HasChanges);
        Assert.Equal(before, h.State.ListAccessAssignments(rid).Select(a => (a.Id, a.ETag, a.Status)).ToList());
    }

    [Fact]
    public async Task A_deleted_group_is_reported_and_cannot_be_applied()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await AcceptedAsync(h, "Fabrikam Ltd", Tenant);
        h.State.DeleteGroup(Managers);

        var plan = await Planner(h).PlanAsync(AccessTemplates.Resolve(h.Config, "Support"), new[] { Tenant });

        var item = Assert.Single(plan.Items);
        Assert.Equal(AccessPlanItemKind.GroupMissing, item.Kind);
        Assert.Equal(Managers, item.GroupId);
        Assert.False(item.CanApply);
        Assert.Contains("no longer exists in the partner tenant", item.Description);
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Planner(h).ApplyAsync(plan, item));
        Assert.Equal(ErrorIds.Template.TemplateItemNotApplicable, error.ErrorId);
    }

    [Fact]
    public async Task A_relationship_without_the_roles_and_a_customer_without_one_cannot_satisfy()
    {
        await using var h = await WorkflowHarness.StartAsync();
        AddSupport(h);
        await WorkflowTestData.ActiveRelationshipAsync(h, "Narrow", Tenant, "Fabrikam Ltd", RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders);

        var plan = await Planner(h).PlanAsync(AccessTemplates.Resolve(h.Config, "Support"), new[] { Tenant, Bare });

        Assert.Equal(new[]
        {
            (AccessPlanItemKind.RelationshipCannotSatisfy, Tenant, (string?)null),
            (AccessPlanItemKind.Add, Tenant, Agents),
            (AccessPlanItemKind.RelationshipCannotSatisfy, Bare, null),
        }, plan.Items.Select(i => (i.Kind, i.CustomerTenantId, i.GroupId)));
        Assert.Equal(new[] { "User Administrator" }, plan.Items[0].MissingRoles.Select(r => r.Name));
        Assert.Contains("lacks User Administrator; roles of an approved relationship can't change", plan.Items[0].Description);
        Assert.Contains($"customer {Bare} has no active granular relationship", plan.Items[2].Description);
    }

    [Fact]
    public async Task A_stale_ETag_fails_the_change_instead_of_overwriting()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await AcceptedAsync(h, "Fabrikam Ltd", Tenant);
        var rid = invite.RelationshipId!;
        var agents = h.State.ListAccessAssignments(rid).Single(a => a.AccessContainerId == Agents);
        h.State.UpdateAccessAssignment(rid, agents.Id, h.State.GetAccessAssignment(rid, agents.Id).ETag, new[] { RoleCatalog.DirectoryReaders });
        h.State.CompletePendingWork();
        var plan = await Planner(h).PlanAsync(AccessTemplates.Resolve(h.Config, "Support"), new[] { Tenant });

        h.State.UpdateAccessAssignment(rid, agents.Id, h.State.GetAccessAssignment(rid, agents.Id).ETag, new[] { RoleCatalog.HelpdeskAdministrator });

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => Planner(h).ApplyAsync(plan, Assert.Single(plan.Items)));
        Assert.Equal("RemotePreconditionFailed", error.ErrorId);
    }

    private static TemplatePlanner Planner(WorkflowHarness h) => new(h.GraphGdap, h.Store);
}
