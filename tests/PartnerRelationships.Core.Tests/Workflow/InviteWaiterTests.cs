using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Templates.TemplateTestData;
using PartnerRelationships.Core.Tests.Templates;

namespace PartnerRelationships.Core.Tests.Workflow;

public class InviteWaiterTests
{
    private const string Tenant = "aaaaaaaa-0000-0000-0000-000000000001";

    /// <summary>
    /// The waiter's clock: from the sandbox's time, each wait moves the sandbox clock as far (running its due work) and
    /// passes at once, so a wait of hours takes no real time. <paramref name="onWait"/> acts at a given (1-based) wait.
    /// </summary>
    private static TestClock WaiterClock(WorkflowHarness h, Action<int>? onWait = null)
    {
        var clock = TestClock.AutoAdvancing(h.Server.Clock.GetUtcNow());
        clock.OnWait = (n, due) =>
        {
            h.Server.Clock.Advance(due);
            onWait?.Invoke(n);
        };
        return clock;
    }

    [Fact]
    public async Task Returns_the_accepted_invite_with_its_template_applied_after_backing_off()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await TemplatedInviteAsync(h, "Fabrikam Ltd", Tenant);
        var clock = WaiterClock(h, n => { if (n == 3) h.State.ApproveAndActivate(invite.RelationshipId!, Tenant, "Fabrikam Ltd"); });
        var waiter = new InviteWaiter(WorkflowTestData.Sync(h), h.Store, clock);

        var accepted = await waiter.WaitAsync(invite.Id, TimeSpan.FromHours(2), new InviteWaitOptions
        {
            PollInterval = TimeSpan.FromMinutes(1), MaxPollInterval = TimeSpan.FromMinutes(3), Sync = new InviteSyncOptions { Templates = AccessTemplates.All(h.Config) },
        });

        Assert.Equal(InviteStatus.Accepted, accepted.Status);
        Assert.Equal(new[] { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3) }, clock.Waits);
        Assert.Equal(2, (await h.GraphGdap.ListAccessAssignmentsAsync(invite.RelationshipId!)).Count);
    }

    [Fact]
    public async Task Times_out_with_an_operation_timeout_after_the_last_check()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await TemplatedInviteAsync(h, "Fabrikam Ltd", Tenant);
        var clock = WaiterClock(h);
        var waiter = new InviteWaiter(WorkflowTestData.Sync(h), h.Store, clock);
        var started = clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => waiter.WaitAsync(invite.Id, TimeSpan.FromMinutes(10),
            new InviteWaitOptions { PollInterval = TimeSpan.FromMinutes(1), MaxPollInterval = TimeSpan.FromMinutes(4) }));

        Assert.Equal(ErrorIds.Template.InviteWaitTimeout, error.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, error.Category);
        Assert.Contains("still Pending after 10 min", error.Message);
        // 1 + 2 + 4 + 3 (the rest up to the deadline): never past it.
        Assert.Equal(new[] { 1, 2, 4, 3 }.Select(m => TimeSpan.FromMinutes(m)), clock.Waits);
        Assert.Equal(started + TimeSpan.FromMinutes(10), clock.GetUtcNow());
    }

    [Fact]
    public async Task An_invite_that_ends_otherwise_stops_the_wait()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await TemplatedInviteAsync(h, "Fabrikam Ltd", Tenant);
        var clock = WaiterClock(h, n => { if (n == 1) h.State.RejectRelationship(invite.RelationshipId!); });
        var waiter = new InviteWaiter(WorkflowTestData.Sync(h), h.Store, clock);

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => waiter.WaitAsync(invite.Id, TimeSpan.FromDays(1)));

        Assert.Equal(ErrorIds.Template.InviteWaitEnded, error.ErrorId);
        Assert.Contains("is Rejected", error.Message);
    }
}
