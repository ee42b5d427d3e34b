using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class GranularInviteServiceTests
{
    private static GranularInviteRequest Request(string customer = "Fabrikam Ltd", string? displayName = null, bool allowDuplicate = false) => new()
    {
        CustomerName = customer,
        CustomerEmail = "admin@fabrikam.example",
        DisplayName = displayName,
        AllowDuplicate = allowDuplicate,
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
    public async Task A_second_invite_for_the_same_access_returns_the_one_awaiting_approval_and_creates_nothing()
    {
        await using var h = await WorkflowHarness.StartAsync();
        using var folder = new TempFolder();
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);
        var first = await service.CreateAsync(Request());

        // At once (the lock still being processed) and once the relationship awaits approval: a re-run of the batch.
        var rerun = await service.CreateAsync(new GranularInviteRequest { CustomerName = "FABRIKAM LTD", CustomerEmail = "Admin@Fabrikam.example", DraftFile = folder.Path });
        h.State.CompletePendingWork();
        var later = await service.CreateAsync(Request());

        Assert.True(rerun.AlreadyPending);
        Assert.Equal(first.Invite.Id, rerun.Invite.Id);
        Assert.Equal(first.Invite.Id, later.Invite.Id);
        Assert.Single(h.State.Relationships);
        Assert.Single(await h.Store.QueryInvitesAsync(new InviteQuery()).ToListAsync());
        // The draft asked for on the re-run is written from the recorded invite, approval link and all.
        var (_, body) = PartnerRelationships.Core.Tests.Invites.MimeDecoding.Split(File.ReadAllText(rerun.DraftFile!));
        Assert.Contains(first.Invite.Link!, PartnerRelationships.Core.Tests.Invites.MimeDecoding.DecodeQuotedPrintable(body));
    }

    [Fact]
    public async Task Other_roles_or_AllowDuplicate_create_another_relationship()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);
        var first = await service.CreateAsync(Request());
        h.State.CompletePendingWork();

        var otherRoles = await service.CreateAsync(new GranularInviteRequest { CustomerName = "Fabrikam Ltd", CustomerEmail = "admin@fabrikam.example", Roles = new[] { "User Administrator" }, DisplayName = "Fabrikam users" });
        var allowed = await service.CreateAsync(new GranularInviteRequest { CustomerName = "Fabrikam Ltd", CustomerEmail = "admin@fabrikam.example", DisplayName = "Fabrikam again", AllowDuplicate = true });

        Assert.False(otherRoles.AlreadyPending);
        Assert.False(allowed.AlreadyPending);
        Assert.Equal(3, new[] { first.Invite.Id, otherRoles.Invite.Id, allowed.Invite.Id }.Distinct().Count());
        Assert.Equal(3, h.State.Relationships.Count);
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

        // Another relationship for the same access on purpose (without -AllowDuplicate the pending invite is returned).
        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.CreateAsync(Request(displayName: "Fabrikam helpdesk", allowDuplicate: true)));
        Assert.Equal(ErrorIds.Workflow.RelationshipDisplayNameInUse, ex.ErrorId);

        var first = await service.CreateAsync(Request(allowDuplicate: true));
        var second = await service.CreateAsync(Request(allowDuplicate: true));
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
