using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class GranularInviteServiceTests
{
    private static GranularInviteRequest Request(string customer = "Fabrikam Ltd", string? displayName = null) => new()
    {
        CustomerName = customer,
        CustomerEmail = "admin@fabrikam.example",
        DisplayName = displayName,
    };

    [Fact]
    public async Task Creates_the_relationship_locked_for_approval_and_a_draft_with_its_approval_link()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);

        var created = await service.CreateAsync(Request());

        var invite = created.Invite;
        Assert.Equal(InviteKind.GranularAdmin, invite.Kind);
        Assert.Equal(InviteStatus.Pending, invite.Status);
        Assert.Equal("NW Fabrikam Ltd 2026-03-01", invite.RelationshipDisplayName);
        var remote = h.State.FindRelationship(invite.RelationshipId!);
        Assert.NotNull(remote);
        // The lockForApproval request starts created; the relationship moves once the service processes it.
        Assert.Equal("lockForApproval", Assert.Single(remote!.RequestSnapshot).Action);
        h.State.CompletePendingWork();
        remote = h.State.FindRelationship(invite.RelationshipId!)!;
        Assert.Equal("approvalPending", remote.Status);
        Assert.Equal(TimeSpan.FromDays(365), remote.Duration);
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders }, remote.RoleDefinitionIds);
        var link = ResellerLinkBuilder.GranularApprovalLink(invite.RelationshipId!);
        Assert.Equal(link, invite.Link);
        Assert.Contains(link, invite.Body);
        Assert.Contains("Helpdesk Administrator, Directory Readers", invite.Body);

        // The store holds the final draft (link and relationship), not the stand-in recorded first.
        var stored = await h.Store.GetInviteAsync(invite.Id);
        Assert.Equal(link, stored!.Link);
        Assert.Contains(link, stored.Body);
        Assert.Equal(invite.RelationshipId, stored.RelationshipId);
    }

    [Fact]
    public async Task Prepare_validates_without_side_effects()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);

        Assert.Equal(ErrorIds.Workflow.InvalidRelationshipDisplayName,
            Assert.Throws<PartnerRelationshipsException>(() => service.Prepare(Request(displayName: new string('x', 51)))).ErrorId);
        Assert.Equal(ErrorIds.Role.UnknownRole,
            Assert.Throws<PartnerRelationshipsException>(() => service.Prepare(new GranularInviteRequest { CustomerName = "A", CustomerEmail = "a@a.example", Roles = new[] { "Helpdesk Admin" } })).ErrorId);
        Assert.Equal(ErrorIds.Workflow.InvalidRelationshipDuration,
            Assert.Throws<PartnerRelationshipsException>(() => service.Prepare(new GranularInviteRequest { CustomerName = "A", CustomerEmail = "a@a.example", Duration = TimeSpan.FromDays(731) })).ErrorId);
        Assert.Equal(ErrorIds.Workflow.AutoExtendWithGlobalAdministrator,
            Assert.Throws<PartnerRelationshipsException>(() => service.Prepare(new GranularInviteRequest { CustomerName = "A", CustomerEmail = "a@a.example", Roles = new[] { "Global Administrator" }, AutoExtend = true })).ErrorId);
        Assert.Equal(ErrorIds.Invite.InviteTemplateMissingLink,
            Assert.Throws<PartnerRelationshipsException>(() => service.Prepare(new GranularInviteRequest { CustomerName = "A", CustomerEmail = "a@a.example", Body = "no link here" })).ErrorId);

        var plan = service.Prepare(Request(displayName: "Fabrikam helpdesk"));
        Assert.Contains("Fabrikam helpdesk", plan.Description);
        Assert.Contains("Helpdesk Administrator", plan.Description);
        Assert.Empty(h.State.Relationships);
        await foreach (var _ in h.Store.QueryInvitesAsync(new()))
        {
            Assert.Fail("Prepare recorded an invite.");
        }
    }

    [Fact]
    public async Task A_given_display_name_in_use_fails_and_a_generated_one_gets_a_suffix()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);
        await service.CreateAsync(Request(displayName: "Fabrikam helpdesk"));

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.CreateAsync(Request(displayName: "Fabrikam helpdesk")));
        Assert.Equal(ErrorIds.Workflow.RelationshipDisplayNameInUse, ex.ErrorId);

        var first = await service.CreateAsync(Request());
        var second = await service.CreateAsync(Request());
        Assert.Equal("NW Fabrikam Ltd 2026-03-01", first.Invite.RelationshipDisplayName);
        Assert.Equal("NW Fabrikam Ltd 2026-03-01 2", second.Invite.RelationshipDisplayName);
        Assert.NotEqual(first.Invite.RelationshipId, second.Invite.RelationshipId);
    }

    [Fact]
    public async Task Writes_the_eml_draft_when_asked()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);
        var request = Request();
        request.DraftFile = h.Folder.Path;

        var created = await service.CreateAsync(request);

        Assert.NotNull(created.DraftFile);
        Assert.True(File.Exists(created.DraftFile));
        var (_, body) = PartnerRelationships.Core.Tests.Invites.MimeDecoding.Split(File.ReadAllText(created.DraftFile!));
        Assert.Contains(created.Invite.Link, PartnerRelationships.Core.Tests.Invites.MimeDecoding.DecodeQuotedPrintable(body));
    }

    [Fact]
    public void Generated_names_fit_in_fifty_characters()
    {
        var name = RelationshipDisplayNames.Generate("Contoso GDAP ", new string('F', 80), WorkflowHarness.Start, attempt: 12);
        Assert.Equal(50, name.Length);
        Assert.StartsWith("Contoso GDAP FFF", name);
        Assert.EndsWith("2026-03-01 12", name);
    }
}
