using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Workflow;

/// <summary>
/// Issue 15, "A GDAP invite that fails half way": the relationship is created but lockForApproval fails. The invite
/// must end in one clear state (one invite that knows its relationship) that Sync or a re-run completes, never two.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class GranularInviteHalfwayTests
{
    private static GranularInviteRequest Request() => new() { CustomerName = "Fabrikam Ltd", CustomerEmail = "admin@fabrikam.example" };

    private static async Task<(PartnerRelationshipsException Error, ResellerInvite Invite)> FailAtTheLockAsync(WorkflowHarness h)
    {
        h.Server.Faults.Settings = new FaultSettings { FailPathContaining = "/requests" };
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.CreateAsync(Request()));
        h.Server.Faults.Settings = FaultSettings.None;
        var invite = Assert.Single(await InvitesAsync(h));
        return (error, invite);
    }

    private static async Task<List<ResellerInvite>> InvitesAsync(WorkflowHarness h)
    {
        var all = new List<ResellerInvite>();
        await foreach (var invite in h.Store.QueryInvitesAsync(new InviteQuery())) all.Add(invite);
        return all;
    }

    [Fact]
    public async Task A_failed_lock_leaves_one_invite_that_knows_its_relationship_and_says_how_to_finish()
    {
        await using var h = await WorkflowHarness.StartAsync();

        var (error, invite) = await FailAtTheLockAsync(h);

        Assert.Equal(ErrorIds.Workflow.GranularInviteNotLocked, error.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Category);
        Assert.Contains("Sync-ResellerInvite", error.Message);
        var relationship = Assert.Single(h.State.Relationships);
        Assert.Equal("created", relationship.Status);
        Assert.Equal(InviteStatus.Pending, invite.Status);
        Assert.Equal(relationship.Id, invite.RelationshipId);
        Assert.Equal("", invite.Link); // no draft with a link the customer can't use yet
    }

    [Fact]
    public async Task Sync_locks_the_relationship_and_finishes_the_draft_without_doubling_anything()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var (_, invite) = await FailAtTheLockAsync(h);

        await WorkflowTestData.RunAsync(WorkflowTestData.Sync(h));
        h.State.CompletePendingWork();

        var relationship = Assert.Single(h.State.Relationships);
        Assert.Equal("approvalPending", relationship.Status);
        var finished = Assert.Single(await InvitesAsync(h));
        Assert.Equal(invite.Id, finished.Id);
        Assert.Equal(ResellerLinkBuilder.GranularApprovalLink(relationship.Id), finished.Link);
        Assert.Contains(finished.Link, finished.Body);
    }

    [Fact]
    public async Task Running_the_same_invite_again_finishes_the_first_instead_of_recording_a_second()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var (_, invite) = await FailAtTheLockAsync(h);
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);

        var again = await service.CreateAsync(Request());
        h.State.CompletePendingWork();

        Assert.Equal(invite.Id, again.Invite.Id);
        var relationship = Assert.Single(h.State.Relationships);
        Assert.Equal("approvalPending", relationship.Status);
        Assert.Single(await InvitesAsync(h));
        Assert.Equal(ResellerLinkBuilder.GranularApprovalLink(relationship.Id), again.Invite.Link);
    }
}
