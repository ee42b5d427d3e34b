using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Reconciles the store with the services. Remote lists are read once per sync (customers, contracts, relationships,
/// all at once), then open invites are reconciled in batches: look-ups a few at a time, and each batch's changes written
/// as compare-and-sets in one store transaction, so repeated syncs and two syncs at once never record a transition
/// twice. The rules are in <see cref="InviteTransitionRules"/> and <see cref="ResellerCustomerIndex"/>.
/// </summary>
public sealed class InviteSyncService
{
    public const string Activity = "Synchronising invites";

    /// <summary>Steps one invite may take in one sync (e.g. Pending → Accepted → Expired), with room for lost races.</summary>
    private const int MaxStepsPerInvite = 6;

    private static readonly InviteStatus[] OpenStatuses = { InviteStatus.Pending, InviteStatus.Accepted, InviteStatus.AdminRemoved };

    private readonly IRelationshipStore _store;
    private readonly IGraphGdapClient _graphGdap;
    private readonly IPartnerCenterClient _partnerCenter;
    private readonly TimeProvider _clock;
    private readonly CloudEnvironment _cloud;

    /// <param name="cloud">For approval links written while repairing an invite whose relationship was never linked.</param>
    public InviteSyncService(IRelationshipStore store, IGraphGdapClient graphGdap, IPartnerCenterClient partnerCenter, TimeProvider clock, CloudEnvironment cloud = CloudEnvironment.Global)
    {
        _cloud = cloud;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Streams the transitions this sync recorded, in invite order (oldest first).</summary>
    public async IAsyncEnumerable<InviteTransition> SyncAsync(
        InviteSyncOptions? options = null,
        IProgress<WorkProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new InviteSyncOptions();
        var concurrency = Math.Max(1, options.MaxConcurrency);

        progress?.Report(new WorkProgress(Activity, "Reading open invites", 0, null));
        var invites = await LoadOpenInvitesAsync(options, cancellationToken).ConfigureAwait(false);
        if (invites.Count == 0)
        {
            progress?.Report(new WorkProgress(Activity, "No open invites", 0, 0));
            yield break;
        }

        progress?.Report(new WorkProgress(Activity, "Reading the partner's customers and relationships", 0, invites.Count));
        var snapshot = await ReadSnapshotAsync(invites, options, cancellationToken).ConfigureAwait(false);

        var batchSize = Math.Max(1, options.StoreBatchSize);
        var done = 0;
        for (var start = 0; start < invites.Count; start += batchSize)
        {
            var batch = invites.GetRange(start, Math.Min(batchSize, invites.Count - start));
            var results = await ReconcileBatchAsync(batch, snapshot, options, concurrency, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i].Failure is { } failure)
                {
                    options.Failures!.Enqueue(new InviteSyncFailure(batch[i].Id, batch[i].CustomerName, failure));
                }

                done++;
                progress?.Report(new WorkProgress(Activity, $"Checked {batch[i].CustomerName}", done, invites.Count));
                foreach (var transition in results[i].Transitions)
                {
                    yield return transition;
                }
            }
        }
    }

    /// <summary>
    /// Throws InviteNotFound when <paramref name="inviteId"/> names no recorded invite. A sync by id otherwise skips an
    /// unknown id silently (it only reads open invites), which hides a mistyped id.
    /// </summary>
    public async Task RequireRecordedAsync(Guid inviteId, CancellationToken cancellationToken = default)
    {
        if (await _store.GetInviteAsync(inviteId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new PartnerRelationshipsException(ErrorIds.Workflow.InviteNotFound, ErrorKind.ObjectNotFound,
                $"No invite with id {inviteId} is recorded, so there is nothing to sync. List invites with {CommandNames.GetResellerInvite}.", inviteId);
        }
    }

    private async Task<List<ResellerInvite>> LoadOpenInvitesAsync(InviteSyncOptions options, CancellationToken cancellationToken)
    {
        var ids = options.InviteIds is { Count: > 0 } ? new HashSet<Guid>(options.InviteIds) : null;
        var query = new InviteQuery
        {
            Statuses = OpenStatuses,
            Kind = options.Kind,
            CustomerNamePattern = string.IsNullOrWhiteSpace(options.CustomerNamePattern) ? null : options.CustomerNamePattern,
            Id = ids is { Count: 1 } ? ids.First() : null,
        };
        var invites = new List<ResellerInvite>();
        await foreach (var invite in _store.QueryInvitesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (ids is null || ids.Contains(invite.Id))
            {
                invites.Add(invite);
            }
        }

        return invites;
    }

    /// <summary>The three lists are independent, so they are read at once: a sync waits for the longest, not the sum.</summary>
    private async Task<RemoteSnapshot> ReadSnapshotAsync(List<ResellerInvite> invites, InviteSyncOptions options, CancellationToken cancellationToken)
    {
        var reseller = invites.Any(i => i.Kind == InviteKind.Reseller);
        var partnerCenterCustomers = reseller ? ReadPartnerCenterCustomersAsync(cancellationToken) : Task.FromResult(new List<ResellerCustomer>());
        var contractCustomers = reseller && options.UseGraphContracts ? ReadContractCustomersAsync(cancellationToken) : Task.FromResult(new List<ResellerCustomer>());
        var relationships = invites.Any(i => i.Kind == InviteKind.GranularAdmin)
            ? _graphGdap.ListRelationshipsAsync(cancellationToken: cancellationToken).CollectAsync(cancellationToken)
            : Task.FromResult(new List<DelegatedAdminRelationshipInfo>());
        await Task.WhenAll(partnerCenterCustomers, contractCustomers, relationships).ConfigureAwait(false);

        var snapshot = new RemoteSnapshot();
        if (reseller)
        {
            // Partner Center's entries first: the index keeps the first entry it sees for a tenant.
            snapshot.Customers = new ResellerCustomerIndex(partnerCenterCustomers.Result.Concat(contractCustomers.Result));
        }

        foreach (var r in relationships.Result)
        {
            snapshot.RelationshipsById[r.Id] = r;
            snapshot.RelationshipsByName[r.DisplayName] = r;
        }

        return snapshot;
    }

    private async Task<List<ResellerCustomer>> ReadPartnerCenterCustomersAsync(CancellationToken cancellationToken)
    {
        var customers = new List<ResellerCustomer>();
        await foreach (var c in _partnerCenter.ListCustomersAsync(PartnerCenterClient.WholeListPageSize, cancellationToken).ConfigureAwait(false))
        {
            customers.Add(new ResellerCustomer(c.TenantId, c.CompanyName, c.Domain, c.RelationshipToPartner, c.AllowDelegatedAccess));
        }

        return customers;
    }

    private async Task<List<ResellerCustomer>> ReadContractCustomersAsync(CancellationToken cancellationToken)
    {
        var customers = new List<ResellerCustomer>();
        await foreach (var c in _graphGdap.ListContractsAsync(cancellationToken).ConfigureAwait(false))
        {
            customers.Add(new ResellerCustomer(c.CustomerTenantId, c.DisplayName, string.IsNullOrEmpty(c.DefaultDomainName) ? null : c.DefaultDomainName, "reseller", null));
        }

        return customers;
    }

    /// <summary>
    /// Reconciles a batch: per-invite look-ups a few at a time, then each round of planned transitions is written as one
    /// store transaction of compare-and-sets. An invite whose change lost a race carries on from where it stands now.
    /// </summary>
    private async Task<Reconciliation[]> ReconcileBatchAsync(List<ResellerInvite> batch, RemoteSnapshot snapshot, InviteSyncOptions options, int concurrency, CancellationToken cancellationToken)
    {
        var states = await BoundedConcurrency.SelectAsync(batch, concurrency, async invite =>
        {
            try
            {
                return new Reconciliation(invite.Kind == InviteKind.GranularAdmin
                    ? await GranularFactsAsync(invite, snapshot, cancellationToken).ConfigureAwait(false)
                    : await ResellerFactsAsync(invite, snapshot, cancellationToken).ConfigureAwait(false));
            }
            catch (PartnerRelationshipsException ex) when (options.Failures is not null)
            {
                return Reconciliation.Failed(invite, ex);
            }
        }, cancellationToken).ConfigureAwait(false);

        for (var step = 0; step < MaxStepsPerInvite; step++)
        {
            var now = _clock.GetUtcNow();
            var planned = new List<Reconciliation>();
            foreach (var state in states.Where(s => !s.Done))
            {
                state.Planned = Plan(state, now);
                if (state.Planned is null) state.Done = true;
                else planned.Add(state);
            }

            if (planned.Count == 0)
            {
                break;
            }

            var changes = planned.Select(s => new StatusChange(s.Invite.Id, s.Invite.Status, s.Planned!.To, s.Planned.At, s.Planned.Detail, s.Planned.CustomerTenantId)).ToList();
            var changed = await _store.TryChangeStatusesAsync(changes, cancellationToken).ConfigureAwait(false);
            var outcomes = planned.Select((state, i) => (State: state, Changed: changed[i])).ToList();
            await BoundedConcurrency.SelectAsync(outcomes, concurrency, outcome => AdvanceAsync(outcome.State, outcome.Changed, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return states;
    }

    private static PlannedTransition? Plan(Reconciliation state, DateTimeOffset now) => state.Invite.Kind == InviteKind.GranularAdmin
        ? InviteTransitionRules.ForGranular(state.Invite, state.Facts.Relationship, state.Facts.Gone, now)
        : InviteTransitionRules.ForReseller(state.Invite, state.Facts.Customer, state.Facts.MatchedBy, state.Facts.Gone, now);

    private async Task<bool> AdvanceAsync(Reconciliation state, ResellerInvite? changed, InviteSyncOptions options, CancellationToken cancellationToken)
    {
        var planned = state.Planned!;
        if (changed is not null)
        {
            var applied = await ApplyTemplateIfAcceptedAsync(state.Invite, changed, planned, state.Facts.Relationship, options, cancellationToken).ConfigureAwait(false);
            state.Transitions.Add(InviteTransition.Recorded(state.Invite, changed, planned.At, planned.Detail) with { TemplateAssignments = applied });
            state.Invite = changed;
            return true;
        }

        // Another writer moved it first: carry on from where it stands now (often nothing left to do).
        var current = await _store.GetInviteAsync(state.Invite.Id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Status == state.Invite.Status)
        {
            state.Done = true;
            return false;
        }

        state.Invite = current;
        return true;
    }

    /// <summary>
    /// Only the sync whose compare-and-set recorded the acceptance applies the template, so two syncs never both do.
    /// A crash in between leaves the template unapplied: Compare-AdminPermission -Template shows and fixes that.
    /// </summary>
    private async Task<IReadOnlyList<Templates.TemplateAssignmentOutcome>?> ApplyTemplateIfAcceptedAsync(
        ResellerInvite before, ResellerInvite accepted, PlannedTransition planned, DelegatedAdminRelationshipInfo? relationship, InviteSyncOptions options, CancellationToken cancellationToken)
    {
        if (options.SkipTemplate || options.Templates is null || string.IsNullOrWhiteSpace(accepted.Template)
            || accepted.Kind != InviteKind.GranularAdmin || before.Status != InviteStatus.Pending || planned.To != InviteStatus.Accepted
            || relationship is not { Status: RelationshipStatus.Active or RelationshipStatus.Expiring })
        {
            return null;
        }

        var template = options.Templates.FirstOrDefault(t => string.Equals(t.Name, accepted.Template!.Trim(), StringComparison.OrdinalIgnoreCase));
        return await new TemplateAcceptance(_store, _graphGdap, _clock).ApplyAsync(accepted, relationship, template, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InviteFacts> GranularFactsAsync(ResellerInvite invite, RemoteSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(invite.RelationshipId))
        {
            // Recorded, then the process stopped before the relationship was linked: find it by its unique name.
            if (invite.RelationshipDisplayName is { } name && snapshot.RelationshipsByName.TryGetValue(name, out var byName))
            {
                invite = await LinkRelationshipAsync(invite, byName, cancellationToken).ConfigureAwait(false);
                return new InviteFacts(invite, byName, null, null, false);
            }

            return new InviteFacts(invite, null, null, null, false);
        }

        if (snapshot.RelationshipsById.TryGetValue(invite.RelationshipId!, out var relationship))
        {
            // Linked, then the process stopped before the draft got its approval link: finish the draft now.
            invite = await CompleteDraftAsync(invite, relationship, cancellationToken).ConfigureAwait(false);
            return new InviteFacts(invite, relationship, null, null, false);
        }

        try
        {
            return new InviteFacts(invite, await _graphGdap.GetRelationshipAsync(invite.RelationshipId!, cancellationToken).ConfigureAwait(false), null, null, false);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
        {
            return new InviteFacts(invite, null, null, null, true);
        }
    }

    private async Task<ResellerInvite> LinkRelationshipAsync(ResellerInvite invite, DelegatedAdminRelationshipInfo relationship, CancellationToken cancellationToken)
    {
        var linked = await _store.SetRelationshipAsync(invite.Id, relationship.Id, relationship.DisplayName, cancellationToken).ConfigureAwait(false) ?? invite;
        return await CompleteDraftAsync(linked, relationship, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes what an interrupted invite left: a relationship still in created status (its lockForApproval failed or
    /// never ran) is locked now, so the customer can approve it; then the draft gets its approval link.
    /// </summary>
    private async Task<ResellerInvite> CompleteDraftAsync(ResellerInvite linked, DelegatedAdminRelationshipInfo relationship, CancellationToken cancellationToken)
    {
        if (linked.Status == InviteStatus.Pending && relationship.Status == RelationshipStatus.Created)
        {
            await _graphGdap.LockForApprovalAsync(relationship.Id, cancellationToken).ConfigureAwait(false);
        }

        if (_store is IInviteDraftStore drafts && string.IsNullOrEmpty(linked.Link))
        {
            var link = ResellerLinkBuilder.GranularApprovalLink(relationship.Id, _cloud);
            var body = linked.Body.Replace(GranularInviteService.LinkNotYetKnown, link);
            linked = await drafts.SetDraftAsync(linked.Id, link, linked.Subject, body, cancellationToken).ConfigureAwait(false) ?? linked;
        }

        return linked;
    }

    private async Task<InviteFacts> ResellerFactsAsync(ResellerInvite invite, RemoteSnapshot snapshot, CancellationToken cancellationToken)
    {
        var index = snapshot.Customers!;
        var match = index.Match(invite);
        if (match is { } found)
        {
            return new InviteFacts(invite, null, found.Customer, found.MatchedBy, false);
        }

        if (invite.Status == InviteStatus.Pending || string.IsNullOrWhiteSpace(invite.CustomerTenantId))
        {
            return new InviteFacts(invite, null, null, null, false);
        }

        // An accepted customer missing from the list: ask for it directly before calling the relationship ended.
        try
        {
            var c = await _partnerCenter.GetCustomerAsync(invite.CustomerTenantId!, cancellationToken).ConfigureAwait(false);
            var customer = new ResellerCustomer(c.TenantId, c.CompanyName, c.Domain, c.RelationshipToPartner, c.AllowDelegatedAccess);
            return new InviteFacts(invite, null, customer, "tenant id", !customer.IsReseller);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
        {
            return new InviteFacts(invite, null, null, null, true);
        }
    }

    private sealed class RemoteSnapshot
    {
        public ResellerCustomerIndex? Customers { get; set; }
        public Dictionary<string, DelegatedAdminRelationshipInfo> RelationshipsById { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, DelegatedAdminRelationshipInfo> RelationshipsByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed record InviteFacts(ResellerInvite Invite, DelegatedAdminRelationshipInfo? Relationship, ResellerCustomer? Customer, string? MatchedBy, bool Gone);

    /// <summary>One invite's progress through a batch: where it stands, what is planned next, what was recorded.</summary>
    private sealed class Reconciliation
    {
        public Reconciliation(InviteFacts facts)
        {
            Facts = facts;
            Invite = facts.Invite;
        }

        /// <summary>Its look-up failed: nothing is planned for it in this sync.</summary>
        public static Reconciliation Failed(ResellerInvite invite, PartnerRelationshipsException failure) =>
            new(new InviteFacts(invite, null, null, null, false)) { Failure = failure, Done = true };

        public InviteFacts Facts { get; }
        public PartnerRelationshipsException? Failure { get; private init; }
        public ResellerInvite Invite { get; set; }
        public PlannedTransition? Planned { get; set; }
        public bool Done { get; set; }
        public List<InviteTransition> Transitions { get; } = new();
    }
}
