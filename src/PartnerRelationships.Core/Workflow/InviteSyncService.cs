using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Reconciles the store with the services. Remote lists are read once per sync (customers, contracts, relationships),
/// then open invites are reconciled a few at a time; each change is a compare-and-set in the store, so repeated syncs
/// and two syncs at once never record a transition twice. The rules are in <see cref="InviteTransitionRules"/> and
/// <see cref="ResellerCustomerIndex"/>.
/// </summary>
public sealed class InviteSyncService
{
    public const string Activity = "Synchronising invites";

    /// <summary>Steps one invite may take in one sync (e.g. Pending → Accepted → Expired), with room for lost races.</summary>
    private const int MaxStepsPerInvite = 6;

    private static readonly InviteStatus[] OpenStatuses = { InviteStatus.Pending, InviteStatus.Accepted, InviteStatus.AdminRemoved };

    private readonly IRelationshipStore _store;
    private readonly IPartnerServiceGateway _gateway;
    private readonly IPartnerCenterClient _partnerCenter;
    private readonly TimeProvider _clock;
    private readonly CloudEnvironment _cloud;

    /// <param name="cloud">For approval links written while repairing an invite whose relationship was never linked.</param>
    public InviteSyncService(IRelationshipStore store, IPartnerServiceGateway gateway, IPartnerCenterClient partnerCenter, TimeProvider clock, CloudEnvironment cloud = CloudEnvironment.Global)
    {
        _cloud = cloud;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
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

        var done = 0;
        for (var start = 0; start < invites.Count; start += concurrency)
        {
            var chunk = invites.Skip(start).Take(concurrency).ToList();
            var results = await Task.WhenAll(chunk.Select(invite => ReconcileAsync(invite, snapshot, options, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < chunk.Count; i++)
            {
                done++;
                progress?.Report(new WorkProgress(Activity, $"Checked {chunk[i].CustomerName}", done, invites.Count));
                foreach (var transition in results[i])
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
            throw new PartnerRelationshipsException(WorkflowErrorIds.InviteNotFound, ErrorKind.ObjectNotFound,
                $"No invite with id {inviteId} is recorded, so there is nothing to sync. List invites with Get-ResellerInvite.", inviteId);
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

    private async Task<RemoteSnapshot> ReadSnapshotAsync(List<ResellerInvite> invites, InviteSyncOptions options, CancellationToken cancellationToken)
    {
        var snapshot = new RemoteSnapshot();
        if (invites.Any(i => i.Kind == InviteKind.Reseller))
        {
            var customers = new List<ResellerCustomer>();
            await foreach (var c in _partnerCenter.ListCustomersAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                customers.Add(new ResellerCustomer(c.TenantId, c.CompanyName, c.Domain, c.RelationshipToPartner, c.AllowDelegatedAccess));
            }

            if (options.UseGraphContracts)
            {
                await foreach (var c in _gateway.ListContractsAsync(cancellationToken).ConfigureAwait(false))
                {
                    customers.Add(new ResellerCustomer(c.CustomerTenantId, c.DisplayName, string.IsNullOrEmpty(c.DefaultDomainName) ? null : c.DefaultDomainName, "reseller", null));
                }
            }

            snapshot.Customers = new ResellerCustomerIndex(customers);
        }

        if (invites.Any(i => i.Kind == InviteKind.GranularAdmin))
        {
            await foreach (var r in _gateway.ListRelationshipsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                snapshot.RelationshipsById[r.Id] = r;
                snapshot.RelationshipsByName[r.DisplayName] = r;
            }
        }

        return snapshot;
    }

    private async Task<IReadOnlyList<InviteTransition>> ReconcileAsync(ResellerInvite invite, RemoteSnapshot snapshot, InviteSyncOptions options, CancellationToken cancellationToken)
    {
        var transitions = new List<InviteTransition>();
        var facts = invite.Kind == InviteKind.GranularAdmin
            ? await GranularFactsAsync(invite, snapshot, cancellationToken).ConfigureAwait(false)
            : await ResellerFactsAsync(invite, snapshot, cancellationToken).ConfigureAwait(false);
        invite = facts.Invite;

        for (var step = 0; step < MaxStepsPerInvite; step++)
        {
            var now = _clock.GetUtcNow();
            var planned = invite.Kind == InviteKind.GranularAdmin
                ? InviteTransitionRules.ForGranular(invite, facts.Relationship, facts.Gone, now)
                : InviteTransitionRules.ForReseller(invite, facts.Customer, facts.MatchedBy, facts.Gone, now);
            if (planned is null)
            {
                break;
            }

            var changed = await _store.TryChangeStatusAsync(
                new StatusChange(invite.Id, invite.Status, planned.To, planned.At, planned.Detail, planned.CustomerTenantId), cancellationToken).ConfigureAwait(false);
            if (changed is not null)
            {
                var applied = await ApplyTemplateIfAcceptedAsync(invite, changed, planned, facts.Relationship, options, cancellationToken).ConfigureAwait(false);
                transitions.Add(InviteTransition.Recorded(invite, changed, planned.At, planned.Detail) with { TemplateAssignments = applied });
                invite = changed;
                continue;
            }

            // Another writer moved it first: carry on from where it stands now (often nothing left to do).
            var current = await _store.GetInviteAsync(invite.Id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Status == invite.Status)
            {
                break;
            }

            invite = current;
        }

        return transitions;
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
        return await new Templates.TemplateAcceptance(_store, _gateway, _clock).ApplyAsync(accepted, relationship, template, cancellationToken).ConfigureAwait(false);
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
            return new InviteFacts(invite, await _gateway.GetRelationshipAsync(invite.RelationshipId!, cancellationToken).ConfigureAwait(false), null, null, false);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemoteNotFound")
        {
            return new InviteFacts(invite, null, null, null, true);
        }
    }

    private async Task<ResellerInvite> LinkRelationshipAsync(ResellerInvite invite, DelegatedAdminRelationshipInfo relationship, CancellationToken cancellationToken)
    {
        var linked = await _store.SetRelationshipAsync(invite.Id, relationship.Id, relationship.DisplayName, cancellationToken).ConfigureAwait(false) ?? invite;
        return await CompleteDraftAsync(linked, relationship, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResellerInvite> CompleteDraftAsync(ResellerInvite linked, DelegatedAdminRelationshipInfo relationship, CancellationToken cancellationToken)
    {
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
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemoteNotFound")
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
}
