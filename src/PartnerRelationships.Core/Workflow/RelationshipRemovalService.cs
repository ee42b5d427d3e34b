using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Ends a customer's relationships: terminates granular relationships and/or removes the reseller relationship, then
/// records it: the customer's accepted invites for what ended become Terminated (compare-and-set, like sync).
/// </summary>
public sealed class RelationshipRemovalService
{
    /// <summary>The seed's note: removing access does not end the partner's obligations under its reseller agreement.</summary>
    public const string SupportResponsibilityWarning =
        "Until you renegotiate your agreement with the customer, you remain responsible for providing customer support and " +
        "adhering to the terms of the Cloud Reseller Agreement, even without administrator permissions. If the customer needs " +
        "help, you can call Microsoft support to open a service request on the customer's behalf.";

    private static readonly InviteStatus[] LiveStatuses = { InviteStatus.Accepted, InviteStatus.AdminRemoved };

    private readonly IRelationshipStore _store;
    private readonly IGraphGdapClient _graphGdap;
    private readonly IPartnerCenterClient _partnerCenter;
    private readonly TimeProvider _clock;

    public RelationshipRemovalService(IRelationshipStore store, IGraphGdapClient graphGdap, IPartnerCenterClient partnerCenter, TimeProvider clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public async Task<RelationshipRemovalPlan> PlanAsync(RelationshipRemovalRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var tenant = TenantIds.Require(request.CustomerTenantId);
        var terminate = new List<DelegatedAdminRelationshipInfo>();
        var pending = new List<DelegatedAdminRelationshipInfo>();
        var notYetActive = new List<DelegatedAdminRelationshipInfo>();
        string? name = null;
        if (request.Granular)
        {
            var only = request.RelationshipIds is { Count: > 0 } ? new HashSet<string>(request.RelationshipIds, StringComparer.OrdinalIgnoreCase) : null;
            await foreach (var r in _graphGdap.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenant }, cancellationToken).ConfigureAwait(false))
            {
                name ??= r.CustomerName;
                if (only is not null && !only.Contains(r.Id)) continue;
                if (r.Status is RelationshipStatus.Active or RelationshipStatus.Expiring) terminate.Add(r);
                else if (r.Status is RelationshipStatus.ApprovalPending) pending.Add(r);
                else if (r.Status is RelationshipStatus.Approved or RelationshipStatus.Activating) notYetActive.Add(r);
                // terminationRequested / terminating: already ending; expired / terminated: over; reseller items are not listed.
            }
        }

        var resellerAsked = request.Reseller;
        if (request.Reseller)
        {
            try
            {
                var customer = await _partnerCenter.GetCustomerAsync(tenant, cancellationToken).ConfigureAwait(false);
                name = customer.CompanyName;
                if (!string.Equals(customer.RelationshipToPartner, "reseller", StringComparison.OrdinalIgnoreCase))
                {
                    request = new RelationshipRemovalRequest { CustomerTenantId = tenant, Granular = request.Granular, Reseller = false, RelationshipIds = request.RelationshipIds };
                }
            }
            catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
            {
                request = new RelationshipRemovalRequest { CustomerTenantId = tenant, Granular = request.Granular, Reseller = false, RelationshipIds = request.RelationshipIds };
            }
        }

        if (terminate.Count == 0 && !request.Reseller)
        {
            var pendingNote = (pending.Count == 0 ? "" :
                $" {pending.Count} relationship(s) await approval; the service lets a partner neither terminate nor delete those, so they expire unless approved.")
                + (notYetActive.Count == 0 ? "" :
                $" {notYetActive.Count} relationship(s) were approved and are being activated; run this again once they are active to terminate them.");
            var selected = request.RelationshipIds is { Count: > 0 } ? " selected" : "";

            // Only granular was asked for: say whether a reseller relationship is there to remove instead, with the
            // customer's name (Graph has none for a customer without granular relationships).
            var resellerCustomer = resellerAsked ? null : await FindCustomerAsync(tenant, cancellationToken).ConfigureAwait(false);
            name ??= resellerCustomer?.CompanyName;
            var isReseller = resellerCustomer is not null && string.Equals(resellerCustomer.RelationshipToPartner, "reseller", StringComparison.OrdinalIgnoreCase);
            var message = isReseller
                ? $"{name ?? tenant} has no active{selected} granular relationship; add -{ParameterNames.Reseller} to remove the reseller relationship.{pendingNote}"
                : $"{name ?? tenant} has no active{selected} granular relationship and no reseller relationship to remove.{pendingNote}";
            throw new PartnerRelationshipsException(ErrorIds.Workflow.NothingToRemove, ErrorKind.ObjectNotFound, message, tenant);
        }

        return new RelationshipRemovalPlan(tenant, name, terminate, pending, request.Reseller, notYetActive);
    }

    /// <summary>The customer as Partner Center knows it, or null when it does not.</summary>
    private async Task<PartnerCustomerInfo?> FindCustomerAsync(string tenant, CancellationToken cancellationToken)
    {
        try
        {
            return await _partnerCenter.GetCustomerAsync(tenant, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
        {
            return null;
        }
    }

    public async Task<RelationshipRemovalResult> ExecuteAsync(RelationshipRemovalPlan plan, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        var terminated = new List<string>();
        foreach (var r in plan.ToTerminate)
        {
            await _graphGdap.TerminateAsync(r.Id, cancellationToken).ConfigureAwait(false);
            terminated.Add(r.Id);
        }

        var resellerRemoved = false;
        if (plan.RemoveReseller)
        {
            try
            {
                await _partnerCenter.RemoveResellerRelationshipAsync(plan.CustomerTenantId, cancellationToken).ConfigureAwait(false);
                resellerRemoved = true;
            }
            catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteBadRequest && MentionsActiveSubscriptions(ex.Message))
            {
                var done = terminated.Count == 0 ? "" : $" (The {terminated.Count} granular relationship(s) were terminated.)";
                throw new PartnerRelationshipsException(ErrorIds.Workflow.ActiveSubscriptionsBlockRemoval, ErrorKind.InvalidOperation,
                    $"The reseller relationship with {plan.CustomerName ?? plan.CustomerTenantId} can't be removed while the customer has active subscriptions through you. " +
                    $"Cancel or transfer those subscriptions in Partner Center first, then run this again.{done}",
                    plan.CustomerTenantId, ex);
            }
        }

        var transitions = await RecordAsync(plan, terminated, resellerRemoved, cancellationToken).ConfigureAwait(false);
        return new RelationshipRemovalResult
        {
            CustomerTenantId = plan.CustomerTenantId,
            CustomerName = plan.CustomerName,
            TerminatedRelationshipIds = terminated,
            ResellerRelationshipRemoved = resellerRemoved,
            InviteTransitions = transitions,
        };
    }

    public async Task<RelationshipRemovalResult> RemoveAsync(RelationshipRemovalRequest request, CancellationToken cancellationToken = default)
        => await ExecuteAsync(await PlanAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<InviteTransition>> RecordAsync(RelationshipRemovalPlan plan, List<string> terminated, bool resellerRemoved, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(terminated, StringComparer.OrdinalIgnoreCase);
        var affected = new List<ResellerInvite>();
        await foreach (var invite in _store.QueryInvitesAsync(new InviteQuery { Statuses = LiveStatuses }, cancellationToken).ConfigureAwait(false))
        {
            var hit = invite.Kind == InviteKind.GranularAdmin
                ? invite.RelationshipId is not null && ids.Contains(invite.RelationshipId)
                : resellerRemoved && TenantIds.Same(invite.CustomerTenantId, plan.CustomerTenantId);
            if (hit) affected.Add(invite);
        }

        var transitions = new List<InviteTransition>();
        foreach (var invite in affected)
        {
            var now = _clock.GetUtcNow();
            var detail = invite.Kind == InviteKind.GranularAdmin ? "partner terminated the relationship" : "partner removed the reseller relationship";
            var changed = await _store.TryChangeStatusAsync(new StatusChange(invite.Id, invite.Status, InviteStatus.Terminated, now, detail), cancellationToken).ConfigureAwait(false);
            if (changed is null) continue; // A sync or another removal recorded it first.
            transitions.Add(InviteTransition.Recorded(invite, changed, now, detail));
        }

        return transitions;
    }

    private static bool MentionsActiveSubscriptions(string message) =>
        message.IndexOf("ActiveSubscriptions", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("active subscription", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("600011", StringComparison.Ordinal) >= 0;
}
