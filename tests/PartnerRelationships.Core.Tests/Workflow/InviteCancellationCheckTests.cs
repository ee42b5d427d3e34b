using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class InviteCancellationCheckTests
{
    [Fact]
    public async Task Checking_a_pending_invite_returns_it_and_changes_nothing()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example");
        var cancellation = new InviteCancellation(h.Store, null, h.Clock);

        var checkedInvite = await cancellation.GetCancellableAsync(invite.Id);

        Assert.Equal(invite.Id, checkedInvite.Id);
        Assert.Equal(InviteStatus.Pending, (await h.Store.GetInviteAsync(invite.Id))!.Status);
        Assert.Single(await h.Store.GetHistoryAsync(invite.Id));
    }

    [Fact]
    public async Task Checking_refuses_unknown_and_no_longer_pending_invites()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example");
        var cancellation = new InviteCancellation(h.Store, null, h.Clock);
        await cancellation.CancelAsync(invite.Id);

        var notPending = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => cancellation.GetCancellableAsync(invite.Id));
        Assert.Equal(ErrorIds.Workflow.InviteNotPending, notPending.ErrorId);
        var missing = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => cancellation.GetCancellableAsync(Guid.NewGuid()));
        Assert.Equal(ErrorIds.Workflow.InviteNotFound, missing.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, missing.Category);
    }
}
