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
/// <remarks>
/// A terminate request is only a request: it starts <c>created</c> and the service moves the relationship afterwards,
/// or fails the request (delegatedadminrelationship-post-requests; a request's status can be <c>failed</c>). So a
/// granular invite is recorded Terminated only once the service shows its relationship ending (terminationRequested,
/// terminating or terminated), read back within <see cref="TerminationWaitLimit"/>; one the service has not moved by
/// then stays as it is, for a sync to record when the service ends it (docs/wire-contract.md, "Timings").
/// </remarks>
public sealed class RelationshipRemovalService
{
    /// <summary>The seed's note: removing access does not end the partner's obligations under its reseller agreement.</summary>
    public const string SupportResponsibilityWarning =
        "Until you renegotiate your agreement with the customer, you remain responsible for providing customer support and " +
        "adhering to the terms of the Cloud Reseller Agreement, even without administrator permissions. If the customer needs " +
        "help, you can call Microsoft support to open a service request on the customer's behalf.";

    private static readonly InviteStatus[] LiveStatuses = { InviteStatus.Accepted, InviteStatus.AdminRemoved };

    /// <summary>How often a relationship whose termination was requested is read back while waiting for it to move.</summary>
    public static readonly TimeSpan TerminationPoll = TimeSpan.FromSeconds(1);

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

    /// <summary>
    /// How long to wait for the service to show a relationship ending after its terminate request was accepted (the docs
    /// give no time; the sandbox moves it within a third of its pending-work delay).
    /// </summary>
    public TimeSpan TerminationWaitLimit { get; set; } = TimeSpan.FromSeconds(30);

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

    /// <summary>What the cmdlet's progress bar is called while the removal waits for the service.</summary>
    public const string Activity = "Ending customer relationships";

    public Task<RelationshipRemovalResult> ExecuteAsync(RelationshipRemovalPlan plan, CancellationToken cancellationToken = default)
        => ExecuteAsync(plan, null, cancellationToken);

    /// <param name="waiting">Told, at each read-back, how many relationships the service has not yet shown ending and how long is left.</param>
    public async Task<RelationshipRemovalResult> ExecuteAsync(RelationshipRemovalPlan plan, IProgress<WorkProgress>? waiting, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        var terminated = new List<string>();
        foreach (var r in plan.ToTerminate)
        {
            await _graphGdap.TerminateAsync(r.Id, cancellationToken).ConfigureAwait(false);
            terminated.Add(r.Id);
        }

        var resellerRemoved = false;
        // The reseller removal is refused while the customer has active subscriptions; what did end is recorded first.
        PartnerRelationshipsException? resellerRefused = null;
        if (plan.RemoveReseller)
        {
            try
            {
                await _partnerCenter.RemoveResellerRelationshipAsync(plan.CustomerTenantId, cancellationToken).ConfigureAwait(false);
                resellerRemoved = true;
            }
            catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteBadRequest && MentionsActiveSubscriptions(ex.Message))
            {
                resellerRefused = ex;
            }
        }

        var ending = await WaitUntilEndingAsync(terminated, waiting, cancellationToken).ConfigureAwait(false);
        var transitions = await RecordAsync(plan, ending, resellerRemoved, cancellationToken).ConfigureAwait(false);
        if (resellerRefused is not null)
        {
            var done = terminated.Count == 0 ? "" : $" (The {terminated.Count} granular relationship(s) were terminated; {transitions.Count} invite(s) recorded as Terminated.)";
            throw new PartnerRelationshipsException(ErrorIds.Workflow.ActiveSubscriptionsBlockRemoval, ErrorKind.InvalidOperation,
                $"The reseller relationship with {plan.CustomerName ?? plan.CustomerTenantId} can't be removed while the customer has active subscriptions through you. " +
                $"Cancel or transfer those subscriptions in Partner Center first, then run this again.{done}",
                plan.CustomerTenantId, resellerRefused);
        }

        return new RelationshipRemovalResult
        {
            CustomerTenantId = plan.CustomerTenantId,
            CustomerName = plan.CustomerName,
            TerminatedRelationshipIds = terminated,
            TerminationUnconfirmedRelationshipIds = terminated.Where(id => !ending.ContainsKey(id)).ToList(),
            ResellerRelationshipRemoved = resellerRemoved,
            InviteTransitions = transitions,
        };
    }

    public async Task<RelationshipRemovalResult> RemoveAsync(RelationshipRemovalRequest request, CancellationToken cancellationToken = default)
        => await ExecuteAsync(await PlanAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Reads the relationships back until the service shows each one ending, or until <see cref="TerminationWaitLimit"/>;
    /// returns those seen ending with the status seen ("gone" for one the service no longer has).
    /// </summary>
    private async Task<Dictionary<string, string>> WaitUntilEndingAsync(List<string> requested, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var ending = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var waiting = new List<string>(requested);
        var started = _clock.GetUtcNow();
        var deadline = started + TerminationWaitLimit;
        while (waiting.Count > 0)
        {
            for (var i = waiting.Count - 1; i >= 0; i--)
            {
                var status = await ReadStatusAsync(waiting[i], cancellationToken).ConfigureAwait(false);
                if (status is null) continue;
                ending[waiting[i]] = status;
                waiting.RemoveAt(i);
            }

            if (waiting.Count == 0 || _clock.GetUtcNow() + TerminationPoll > deadline) break;
            progress?.Report(new WorkProgress(Activity,
                $"{waiting.Count} of {requested.Count} not yet ending at the service",
                (int)(_clock.GetUtcNow() - started).TotalSeconds, (int)TerminationWaitLimit.TotalSeconds));
            await _clock.Delay(TerminationPoll, cancellationToken).ConfigureAwait(false);
        }

        return ending;
    }

    /// <summary>The relationship's status when it is ending or over by termination; null while it is not (yet).</summary>
    private async Task<string?> ReadStatusAsync(string relationshipId, CancellationToken cancellationToken)
    {
        try
        {
            var relationship = await _graphGdap.GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
            return relationship.Status is RelationshipStatus.TerminationRequested or RelationshipStatus.Terminating or RelationshipStatus.Terminated
                ? GraphModelMapper.WireName(relationship.Status)
                : null;
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
        {
            return "gone";
        }
    }

    private async Task<IReadOnlyList<InviteTransition>> RecordAsync(RelationshipRemovalPlan plan, Dictionary<string, string> ending, bool resellerRemoved, CancellationToken cancellationToken)
    {
        var affected = new List<ResellerInvite>();
        await foreach (var invite in _store.QueryInvitesAsync(new InviteQuery { Statuses = LiveStatuses }, cancellationToken).ConfigureAwait(false))
        {
            var hit = invite.Kind == InviteKind.GranularAdmin
                ? invite.RelationshipId is not null && ending.ContainsKey(invite.RelationshipId)
                : resellerRemoved && TenantIds.Same(invite.CustomerTenantId, plan.CustomerTenantId);
            if (hit) affected.Add(invite);
        }

        var transitions = new List<InviteTransition>();
        foreach (var invite in affected)
        {
            var now = _clock.GetUtcNow();
            var detail = invite.Kind == InviteKind.GranularAdmin
                ? $"partner terminated the relationship (service: {ending[invite.RelationshipId!]})"
                : "partner removed the reseller relationship";
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
