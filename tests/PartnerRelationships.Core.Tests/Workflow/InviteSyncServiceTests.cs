using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class InviteSyncServiceTests
{
    private const string TenantA = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

    [Fact]
    public async Task Granular_invite_end_to_end_customer_approves_then_sync_records_Accepted_with_the_time()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await GranularInviteAsync(h);
        Assert.Contains("granularAdminRelationships/" + invite.RelationshipId, invite.Body);

        h.Advance(TimeSpan.FromHours(3));
        var approvedAt = h.State.Now;
        h.State.ApproveAndActivate(invite.RelationshipId!, TenantA, "Fabrikam Ltd");
        h.Advance(TimeSpan.FromMinutes(10));

        var transitions = await RunAsync(Sync(h));

        var t = Assert.Single(transitions);
        Assert.Equal((invite.Id, InviteStatus.Pending, InviteStatus.Accepted), (t.InviteId, t.From, t.To));
        Assert.Equal(approvedAt, t.At);
        Assert.Equal(TenantA, t.CustomerTenantId);
        var stored = await h.Store.GetInviteAsync(invite.Id);
        Assert.Equal(InviteStatus.Accepted, stored!.Status);
        Assert.Equal(TenantA, stored.CustomerTenantId);
        var history = await h.Store.GetHistoryAsync(invite.Id);
        Assert.Equal(new InviteStatus?[] { null, InviteStatus.Pending }, history.Select(e => e.FromStatus));
        Assert.Equal("relationship status active", history[1].Detail);

        // Repeating the sync finds nothing new.
        Assert.Empty(await RunAsync(Sync(h)));
        Assert.Equal(2, (await h.Store.GetHistoryAsync(invite.Id)).Count);
    }

    [Fact]
    public async Task RequireRecorded_throws_InviteNotFound_for_an_unknown_id_and_passes_a_recorded_one()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await GranularInviteAsync(h);
        var service = Sync(h);

        await service.RequireRecordedAsync(invite.Id);
        var unknown = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.RequireRecordedAsync(unknown));
        Assert.Equal(ErrorIds.Workflow.InviteNotFound, error.ErrorId);
        Assert.Equal(unknown, error.Target);
    }

    [Fact]
    public async Task Declined_or_never_approved_relationships_are_Rejected()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var declined = await GranularInviteAsync(h, "Declines Inc");
        var ignored = await GranularInviteAsync(h, "Ignores Inc");
        h.State.RejectRelationship(declined.RelationshipId!);

        var first = await RunAsync(Sync(h));
        Assert.Equal((declined.Id, InviteStatus.Rejected), (Assert.Single(first).InviteId, first[0].To));
        Assert.Contains("no rejected status", first[0].Detail);

        h.Advance(TimeSpan.FromDays(91)); // The approval window closes: expired, never activated.
        var second = await RunAsync(Sync(h));
        Assert.Equal((ignored.Id, InviteStatus.Rejected), (Assert.Single(second).InviteId, second[0].To));
    }

    [Fact]
    public async Task Accepted_granular_invites_become_Expired_or_Terminated()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var expires = await GranularInviteAsync(h, "Expires Inc");
        var terminated = await GranularInviteAsync(h, "Ends Inc");
        h.State.ApproveAndActivate(expires.RelationshipId!);
        h.State.ApproveAndActivate(terminated.RelationshipId!);
        Assert.Equal(2, (await RunAsync(Sync(h))).Count(t => t.To == InviteStatus.Accepted));

        h.State.TerminateFromCustomer(terminated.RelationshipId!);
        h.Advance(TimeSpan.FromDays(366)); // Duration P365D from the configuration.
        var transitions = await RunAsync(Sync(h));

        Assert.Equal(2, transitions.Count);
        Assert.Contains(transitions, t => t.InviteId == terminated.Id && t.From == InviteStatus.Accepted && t.To == InviteStatus.Terminated);
        var expired = transitions.Single(t => t.InviteId == expires.Id);
        Assert.Equal((InviteStatus.Accepted, InviteStatus.Expired), (expired.From, expired.To));
        Assert.Equal(WorkflowHarness.Start + TimeSpan.FromDays(365), expired.At);
    }

    [Fact]
    public async Task A_customer_ending_an_active_relationship_is_Terminated()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await GranularInviteAsync(h);
        h.State.ApproveAndActivate(invite.RelationshipId!);
        await RunAsync(Sync(h));

        h.Advance(TimeSpan.FromDays(2));
        h.State.TerminateFromCustomer(invite.RelationshipId!);
        var t = Assert.Single(await RunAsync(Sync(h)));

        Assert.Equal((InviteStatus.Accepted, InviteStatus.Terminated), (t.From, t.To));
        Assert.Equal(h.State.Now, t.At);
    }

    [Fact]
    public async Task Changes_missed_between_syncs_are_recorded_step_by_step()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await GranularInviteAsync(h);
        h.Advance(TimeSpan.FromDays(1));
        var activated = h.State.ApproveAndActivate(invite.RelationshipId!).ActivatedDateTime;
        h.Advance(TimeSpan.FromDays(1));
        h.State.ExpireRelationship(invite.RelationshipId!);

        var transitions = await RunAsync(Sync(h));

        Assert.Equal(new[] { (InviteStatus.Pending, InviteStatus.Accepted), (InviteStatus.Accepted, InviteStatus.Expired) }, transitions.Select(t => (t.From, t.To)));
        Assert.Equal(activated, transitions[0].At);
        Assert.Equal(h.State.Now, transitions[1].At);
    }

    [Fact]
    public async Task Reseller_invite_accepted_then_admin_removed_then_terminated()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invite = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example");
        Assert.Empty(await RunAsync(Sync(h)));

        h.State.AcceptResellerLink("Contoso Ltd", TenantA, "contoso.example");
        var accepted = Assert.Single(await RunAsync(Sync(h)));
        Assert.Equal((InviteStatus.Pending, InviteStatus.Accepted, TenantA), (accepted.From, accepted.To, accepted.CustomerTenantId));
        Assert.Contains("matched by name", accepted.Detail);
        Assert.Equal(TenantA, (await h.Store.GetInviteAsync(invite.Id))!.CustomerTenantId);

        h.State.RemoveAdminRights(TenantA);
        var removed = Assert.Single(await RunAsync(Sync(h)));
        Assert.Equal((InviteStatus.Accepted, InviteStatus.AdminRemoved), (removed.From, removed.To));

        h.State.UpdateRelationshipToPartner(TenantA, "none");
        var ended = Assert.Single(await RunAsync(Sync(h)));
        Assert.Equal((InviteStatus.AdminRemoved, InviteStatus.Terminated), (ended.From, ended.To));
        Assert.Empty(await RunAsync(Sync(h)));
    }

    [Fact]
    public async Task Reseller_matching_prefers_tenant_id_then_unique_name_then_email_domain()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var byTenant = await ResellerInviteAsync(h, "Wrong Name", "it@elsewhere.example", TenantA);
        var byDomain = await ResellerInviteAsync(h, "Litware (old name)", "admin@litware.example");
        var ambiguous = await ResellerInviteAsync(h, "Twin Co", "admin@twin.example");
        var otherTenant = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example", "11111111-2222-3333-4444-555555555555");
        h.State.AcceptResellerLink("Contoso Ltd", TenantA, "contoso.example");
        h.State.AcceptResellerLink("Litware Inc", null, "litware.example");
        h.State.AcceptResellerLink("Twin Co", null, "twin1.example");
        h.State.AcceptResellerLink("Twin Co", null, "twin2.example");

        var transitions = await RunAsync(Sync(h));

        Assert.Equal(new[] { byTenant.Id, byDomain.Id }.OrderBy(x => x), transitions.Select(t => t.InviteId).OrderBy(x => x));
        Assert.Contains("email domain", transitions.Single(t => t.InviteId == byDomain.Id).Detail);
        Assert.DoesNotContain(transitions, t => t.InviteId == ambiguous.Id || t.InviteId == otherTenant.Id);
    }

    [Fact]
    public async Task Two_syncs_at_once_on_two_store_instances_record_each_transition_once()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var invites = new List<ResellerInvite>();
        for (var i = 0; i < 6; i++)
        {
            invites.Add(await GranularInviteAsync(h, $"Customer {i}"));
            invites.Add(await ResellerInviteAsync(h, $"Reseller {i}", $"admin@reseller{i}.example"));
        }

        foreach (var invite in invites)
        {
            if (invite.Kind == InviteKind.GranularAdmin) h.State.ApproveAndActivate(invite.RelationshipId!);
            else h.State.AcceptResellerLink(invite.CustomerName);
        }

        var other = h.OpenStore();
        var results = await Task.WhenAll(
            Task.Run(() => RunAsync(Sync(h), new InviteSyncOptions { MaxConcurrency = 3, StoreBatchSize = 5 })),
            Task.Run(() => RunAsync(Sync(h, other), new InviteSyncOptions { MaxConcurrency = 5, StoreBatchSize = 2 })));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(invites.Count, all.Count);
        Assert.Equal(invites.Count, all.Select(t => t.InviteId).Distinct().Count());
        foreach (var invite in invites)
        {
            var history = await h.Store.GetHistoryAsync(invite.Id);
            Assert.Equal(new[] { InviteStatus.Pending, InviteStatus.Accepted }, history.Select(e => e.ToStatus));
        }
    }

    [Fact]
    public async Task An_invite_whose_relationship_was_never_linked_is_repaired_by_display_name()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var recorded = await h.Store.AddInviteAsync(new ResellerInvite
        {
            Id = Guid.NewGuid(),
            Kind = InviteKind.GranularAdmin,
            CustomerName = "Crashed Co",
            CustomerEmail = "admin@crashed.example",
            RelationshipDisplayName = "Crashed Co helpdesk",
            Body = "Approve here: " + GranularInviteService.LinkNotYetKnown,
        });
        var created = await h.GraphGdap.CreateRelationshipAsync(new PartnerRelationships.Core.Remote.RelationshipSpec
        {
            DisplayName = "Crashed Co helpdesk",
            Roles = new[] { PartnerRelationships.Core.Roles.RoleCatalog.DirectoryReaders },
        });
        await h.GraphGdap.LockForApprovalAsync(created.Id);
        h.State.ApproveAndActivate(created.Id);

        var t = Assert.Single(await RunAsync(Sync(h)));

        Assert.Equal(InviteStatus.Accepted, t.To);
        Assert.Equal(created.Id, t.RelationshipId);
        var stored = await h.Store.GetInviteAsync(recorded.Id);
        Assert.Equal(created.Id, stored!.RelationshipId);
        Assert.Contains(created.Id, stored.Link);
        Assert.Contains(stored.Link, stored.Body);
    }

    [Fact]
    public async Task Reports_progress_with_a_total_and_filters_by_kind_and_id()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var granular = await GranularInviteAsync(h);
        var reseller = await ResellerInviteAsync(h, "Contoso Ltd", "admin@contoso.example");
        h.State.ApproveAndActivate(granular.RelationshipId!);
        h.State.AcceptResellerLink("Contoso Ltd");

        var log = new ProgressLog();
        var onlyReseller = await RunAsync(Sync(h), new InviteSyncOptions { Kind = InviteKind.Reseller }, log);
        Assert.Equal(reseller.Id, Assert.Single(onlyReseller).InviteId);
        Assert.Contains(log.Reports, p => p.Total == 1 && p.Current == 1 && p.PercentComplete == 100);
        Assert.All(log.Reports, p => Assert.Equal(InviteSyncService.Activity, p.Activity));

        var byId = await RunAsync(Sync(h), new InviteSyncOptions { InviteIds = new[] { granular.Id } });
        Assert.Equal(granular.Id, Assert.Single(byId).InviteId);
    }

    [Fact]
    public async Task Each_batch_of_invites_is_written_as_one_store_transaction_and_streamed_in_invite_order()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var store = new PartnerRelationships.Core.Tests.Invites.InMemoryRelationshipStore();
        var invites = new List<ResellerInvite>();
        for (var i = 0; i < 7; i++)
        {
            invites.Add(await ResellerInviteAsync(h, $"Reseller {i}", $"admin@reseller{i}.example", store: store));
            h.State.AcceptResellerLink($"Reseller {i}");
        }

        var log = new ProgressLog();
        var transitions = await RunAsync(Sync(h, store), new InviteSyncOptions { StoreBatchSize = 3, MaxConcurrency = 2 }, log);

        Assert.Equal(invites.Select(i => i.Id), transitions.Select(t => t.InviteId));
        Assert.All(transitions, t => Assert.Equal(InviteStatus.Accepted, t.To));
        Assert.Equal(3, store.BatchCount); // 3 + 3 + 1 invites, one round of changes each
        Assert.Equal(Enumerable.Range(1, 7), log.Reports.Where(p => p.Current > 0).Select(p => p.Current));
    }

    [Fact]
    public async Task One_invite_whose_lookup_fails_is_reported_and_the_others_are_still_synced()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var before = await GranularInviteAsync(h, "Alpha Ltd");
        var broken = await AddInviteOfAnUnlistedRelationshipAsync(h);
        var after = await GranularInviteAsync(h, "Omega Ltd");
        h.State.ApproveAndActivate(before.RelationshipId!);
        h.State.ApproveAndActivate(after.RelationshipId!);
        var graphGdap = new FailingLookupGraphGdap(h.GraphGdap) { Broken = { "not-in-the-list" } };
        var sync = new InviteSyncService(h.Store, graphGdap, h.PartnerCenter, h.Clock);

        var failures = new System.Collections.Concurrent.ConcurrentQueue<InviteSyncFailure>();
        var transitions = await RunAsync(sync, new InviteSyncOptions { Failures = failures, StoreBatchSize = 2 });

        Assert.Equal(new[] { before.Id, after.Id }.OrderBy(id => id), transitions.Select(t => t.InviteId).OrderBy(id => id));
        var failure = Assert.Single(failures);
        Assert.Equal((broken.Id, "Broken Co", "RemoteServiceError"), (failure.InviteId, failure.CustomerName, failure.Error.ErrorId));
        var reportable = failure.ToReportable();
        Assert.Equal("RemoteServiceError", reportable.ErrorId);
        Assert.Equal(broken.Id, reportable.Target);
        Assert.Contains("Broken Co", reportable.Message);
        Assert.Contains("next sync checks this one again", reportable.Message);
        Assert.Equal(InviteStatus.Pending, (await h.Store.GetInviteAsync(broken.Id))!.Status);
    }

    [Fact]
    public async Task Without_a_failure_list_a_failed_lookup_stops_the_sync()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await AddInviteOfAnUnlistedRelationshipAsync(h);
        var graphGdap = new FailingLookupGraphGdap(h.GraphGdap) { Broken = { "not-in-the-list" } };

        var ex = await Assert.ThrowsAsync<PartnerRelationships.Core.Errors.PartnerRelationshipsException>(
            () => RunAsync(new InviteSyncService(h.Store, graphGdap, h.PartnerCenter, h.Clock)));

        Assert.Equal("RemoteServiceError", ex.ErrorId);
    }

    /// <summary>A granular invite whose relationship is missing from the list, so sync looks it up on its own.</summary>
    private static Task<ResellerInvite> AddInviteOfAnUnlistedRelationshipAsync(WorkflowHarness h) => h.Store.AddInviteAsync(new ResellerInvite
    {
        Id = Guid.NewGuid(),
        Kind = InviteKind.GranularAdmin,
        CustomerName = "Broken Co",
        CustomerEmail = "admin@broken.example",
        RelationshipId = "not-in-the-list",
        RelationshipDisplayName = "Broken Co helpdesk",
    });
}
