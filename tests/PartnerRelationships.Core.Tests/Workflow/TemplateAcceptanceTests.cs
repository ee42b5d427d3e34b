using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Templates.TemplateTestData;
using PartnerRelationships.Core.Tests.Templates;

namespace PartnerRelationships.Core.Tests.Workflow;

public class TemplateAcceptanceTests
{
    private const string Tenant = "aaaaaaaa-0000-0000-0000-000000000001";

    [Fact]
    public async Task An_invite_from_a_template_takes_its_roles_duration_auto_extend_and_name_prefix()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await TemplatedInviteAsync(h, "Fabrikam Ltd", Tenant);

        Assert.Equal("Support", invite.Template);
        Assert.Equal("SUP Fabrikam Ltd 2026-03-01", invite.RelationshipDisplayName);
        var relationship = await h.GraphGdap.GetRelationshipAsync(invite.RelationshipId!);
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders, RoleCatalog.UserAdministrator }.OrderBy(x => x), relationship.Roles.OrderBy(x => x));
        Assert.Equal(TimeSpan.FromDays(180), relationship.Duration);
        Assert.Equal(TimeSpan.FromDays(180), relationship.AutoExtendDuration);
        Assert.Equal("Support", (await h.Store.GetInviteAsync(invite.Id))!.Template);
    }

    [Fact]
    public async Task A_template_and_roles_together_are_refused_and_an_unknown_template_is_named()
    {
        await using var h = await WorkflowHarness.StartAsync();
        AddSupport(h);
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);

        var both = Assert.Throws<PartnerRelationshipsException>(() => service.Prepare(new GranularInviteRequest
        {
            CustomerName = "Fabrikam", CustomerEmail = "a@fabrikam.example", AccessTemplate = "Support", Roles = new[] { "Global Reader" },
        }));
        Assert.Equal(ErrorIds.Template.TemplateConflictsWithRoles, both.ErrorId);

        var unknown = Assert.Throws<PartnerRelationshipsException>(() => service.Prepare(new GranularInviteRequest
        {
            CustomerName = "Fabrikam", CustomerEmail = "a@fabrikam.example", AccessTemplate = "Helpdesk",
        }));
        Assert.Equal(ErrorIds.Template.TemplateNotFound, unknown.ErrorId);
        Assert.Contains("Use one of: Support", unknown.Message);
    }

    [Fact]
    public async Task Sync_applies_the_template_when_it_sees_the_acceptance_and_records_each_state()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await TemplatedInviteAsync(h, "Fabrikam Ltd", Tenant);
        h.State.ApproveAndActivate(invite.RelationshipId!, Tenant, "Fabrikam Ltd");

        var transition = Assert.Single(await WorkflowTestData.RunAsync(WorkflowTestData.Sync(h), new InviteSyncOptions { Templates = AccessTemplates.All(h.Config) }));

        Assert.Equal(InviteStatus.Accepted, transition.To);
        Assert.NotNull(transition.TemplateAssignments);
        Assert.Equal(new[] { (Agents, "pending"), (Managers, "pending") }, transition.TemplateAssignments!.Select(a => (a.GroupId, a.State)));
        var assignments = await h.GraphGdap.ListAccessAssignmentsAsync(invite.RelationshipId!);
        Assert.Equal(2, assignments.Count);
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders }, assignments.Single(a => a.SecurityGroupId == Agents).Roles);
        Assert.Equal(new[] { RoleCatalog.UserAdministrator }, assignments.Single(a => a.SecurityGroupId == Managers).Roles);

        var notes = (await h.Store.GetHistoryAsync(invite.Id)).Where(e => e.FromStatus == InviteStatus.Accepted && e.ToStatus == InviteStatus.Accepted).Select(e => e.Detail).ToList();
        Assert.Equal(new[]
        {
            $"template Support: group Agents ({Agents}) Helpdesk Administrator, Directory Readers: pending",
            $"template Support: group Managers ({Managers}) User Administrator: pending",
        }, notes);

        // A second sync has nothing to record and applies nothing again.
        Assert.Empty(await WorkflowTestData.RunAsync(WorkflowTestData.Sync(h), new InviteSyncOptions { Templates = AccessTemplates.All(h.Config) }));
        Assert.Equal(2, (await h.GraphGdap.ListAccessAssignmentsAsync(invite.RelationshipId!)).Count);
    }

    [Fact]
    public async Task SkipTemplate_records_the_acceptance_only()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await TemplatedInviteAsync(h, "Fabrikam Ltd", Tenant);
        h.State.ApproveAndActivate(invite.RelationshipId!, Tenant, "Fabrikam Ltd");

        var transition = Assert.Single(await WorkflowTestData.RunAsync(WorkflowTestData.Sync(h), new InviteSyncOptions { Templates = AccessTemplates.All(h.Config), SkipTemplate = true }));

        Assert.Equal(InviteStatus.Accepted, transition.To);
        Assert.Null(transition.TemplateAssignments);
        Assert.Empty(await h.GraphGdap.ListAccessAssignmentsAsync(invite.RelationshipId!));
    }

    [Fact]
    public async Task A_group_that_fails_is_recorded_as_error_and_the_others_still_get_their_assignment()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await TemplatedInviteAsync(h, "Fabrikam Ltd", Tenant);
        h.State.ApproveAndActivate(invite.RelationshipId!, Tenant, "Fabrikam Ltd");
        h.State.DeleteGroup(Agents);

        var transition = Assert.Single(await WorkflowTestData.RunAsync(WorkflowTestData.Sync(h), new InviteSyncOptions { Templates = AccessTemplates.All(h.Config) }));

        Assert.Equal(new[] { (Agents, "error"), (Managers, "pending") }, transition.TemplateAssignments!.Select(a => (a.GroupId, a.State)));
        Assert.Contains((await h.Store.GetHistoryAsync(invite.Id)).Select(e => e.Detail),
            d => d == $"template Support: group Agents ({Agents}) Helpdesk Administrator, Directory Readers: error (the group no longer exists in the partner tenant)");
        Assert.Equal(Managers, Assert.Single(await h.GraphGdap.ListAccessAssignmentsAsync(invite.RelationshipId!)).SecurityGroupId);
    }
}
