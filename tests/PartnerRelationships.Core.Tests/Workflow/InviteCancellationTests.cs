using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class InviteCancellationTests
{
    [Fact]
    public async Task Cancels_a_pending_reseller_invite_once()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example");
        var cancellation = new InviteCancellation(h.Store, null, h.Clock);

        Assert.Contains("Contoso Ltd", InviteCancellation.Describe(invite));
        var cancelled = await cancellation.CancelAsync(invite.Id);

        Assert.Equal(InviteStatus.Cancelled, cancelled.Invite.Status);
        Assert.Null(cancelled.Warning);
        var again = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => cancellation.CancelAsync(invite.Id));
        Assert.Equal(ErrorIds.Workflow.InviteNotPending, again.ErrorId);
        Assert.Equal(2, (await h.Store.GetHistoryAsync(invite.Id)).Count);
        Assert.Equal(ErrorIds.Workflow.InviteNotFound, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => cancellation.CancelAsync(Guid.NewGuid()))).ErrorId);
    }

    [Fact]
    public async Task A_granular_invite_awaiting_approval_is_cancelled_with_a_warning_and_an_accepted_one_is_refused()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var cancellation = new InviteCancellation(h.Store, h.GraphGdap, h.Clock);
        var pending = await GranularInviteAsync(h, "Pending Co");
        var approved = await GranularInviteAsync(h, "Approved Co");
        h.State.ApproveAndActivate(approved.RelationshipId!);

        var cancelled = await cancellation.CancelAsync(pending.Id);
        Assert.False(cancelled.RelationshipDeleted);
        Assert.Contains("expires", cancelled.Warning);

        var refused = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => cancellation.CancelAsync(approved.Id));
        Assert.Equal(ErrorIds.Workflow.InviteAlreadyAccepted, refused.ErrorId);
        Assert.Equal(InviteStatus.Pending, (await h.Store.GetInviteAsync(approved.Id))!.Status);
    }

    [Fact]
    public async Task A_relationship_still_in_created_status_is_deleted()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var recorded = await h.Store.AddInviteAsync(new ResellerInvite { Id = Guid.NewGuid(), Kind = InviteKind.GranularAdmin, CustomerName = "Half Done", CustomerEmail = "a@half.example", RelationshipDisplayName = "Half done" });
        var created = await h.GraphGdap.CreateRelationshipAsync(new PartnerRelationships.Core.Remote.RelationshipSpec { DisplayName = "Half done", Roles = new[] { PartnerRelationships.Core.Roles.RoleCatalog.DirectoryReaders } });
        await h.Store.SetRelationshipAsync(recorded.Id, created.Id, "Half done");

        var cancelled = await new InviteCancellation(h.Store, h.GraphGdap, h.Clock).CancelAsync(recorded.Id);

        Assert.True(cancelled.RelationshipDeleted);
        Assert.Null(h.State.FindRelationship(created.Id));
    }
}
