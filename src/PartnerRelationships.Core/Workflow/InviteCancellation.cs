using System;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Withdraws an invite the customer has not acted on: Pending → Cancelled (compare-and-set, so it can't undo an
/// acceptance a sync recorded meanwhile). For a granular invite, a relationship still in created status is deleted;
/// one awaiting approval can be neither deleted nor terminated by the partner, so it stays until it expires, and
/// <see cref="CancelledInvite.Warning"/> says so.
/// </summary>
public sealed class InviteCancellation
{
    private readonly IRelationshipStore _store;
    private readonly IGraphGdapClient? _graphGdap;
    private readonly TimeProvider _clock;

    /// <param name="graphGdap">Needed for granular invites; null when only reseller invites are cancelled (no sign-in).</param>
    public InviteCancellation(IRelationshipStore store, IGraphGdapClient? graphGdap, TimeProvider clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _graphGdap = graphGdap;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public static string Describe(ResellerInvite invite) =>
        $"Cancel the {invite.Kind} invite to {invite.CustomerName} <{invite.CustomerEmail}> created {invite.CreatedAt:u}" +
        (invite.RelationshipId is null ? "" : $" (relationship '{invite.RelationshipDisplayName}')");

    /// <summary>
    /// The invite, when it exists and is still Pending (else InviteNotFound / InviteNotPending): lets a caller ask for
    /// confirmation only about invites that can be cancelled. Reads the store only.
    /// </summary>
    public async Task<ResellerInvite> GetCancellableAsync(Guid inviteId, CancellationToken cancellationToken = default)
    {
        var invite = await _store.GetInviteAsync(inviteId, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(inviteId);
        RequirePending(invite);
        return invite;
    }

    public async Task<CancelledInvite> CancelAsync(Guid inviteId, CancellationToken cancellationToken = default)
    {
        var invite = await GetCancellableAsync(inviteId, cancellationToken).ConfigureAwait(false);

        DelegatedAdminRelationshipInfo? relationship = null;
        if (invite.Kind == InviteKind.GranularAdmin && invite.RelationshipId is not null)
        {
            var graphGdap = _graphGdap ?? throw new InvalidOperationException("Cancelling a granular invite needs the Graph gateway.");
            try
            {
                relationship = await graphGdap.GetRelationshipAsync(invite.RelationshipId, cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
            {
            }

            if (relationship?.Status is RelationshipStatus.Active or RelationshipStatus.Expiring or RelationshipStatus.Activating or RelationshipStatus.Approved)
            {
                throw new PartnerRelationshipsException(ErrorIds.Workflow.InviteAlreadyAccepted, ErrorKind.InvalidOperation,
                    $"{invite.CustomerName} already approved the relationship '{relationship.DisplayName}', so the invite can't be cancelled. " +
                    $"Run {CommandNames.SyncResellerInvite} to record the acceptance; end the relationship with {CommandNames.RemoveCustomerRelationship} if it is no longer wanted.",
                    invite.Id);
            }
        }

        var cancelled = await _store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Cancelled, _clock.GetUtcNow(), "cancelled by the partner"), cancellationToken).ConfigureAwait(false);
        if (cancelled is null)
        {
            RequirePending(await _store.GetInviteAsync(inviteId, cancellationToken).ConfigureAwait(false) ?? invite with { Status = InviteStatus.Cancelled });
            throw new InvalidOperationException("The invite changed while it was being cancelled.");
        }

        string? warning = null;
        var deleted = false;
        if (relationship is { Status: RelationshipStatus.Created } && relationship.ETag is not null)
        {
            await _graphGdap!.DeleteRelationshipAsync(relationship.Id, relationship.ETag, cancellationToken).ConfigureAwait(false);
            deleted = true;
        }
        else if (relationship is { Status: RelationshipStatus.ApprovalPending })
        {
            warning = $"The relationship '{relationship.DisplayName}' awaits the customer's approval; Microsoft lets a partner neither delete nor " +
                      "terminate it in that state, so its approval link stays valid until it expires (90 days after it was sent). If the customer " +
                      $"approves it anyway, end it with {CommandNames.RemoveCustomerRelationship}.";
        }

        return new CancelledInvite(cancelled, deleted, warning);
    }

    private static PartnerRelationshipsException NotFound(Guid inviteId) =>
        new(ErrorIds.Workflow.InviteNotFound, ErrorKind.ObjectNotFound,
            $"No invite with id {inviteId} is recorded. List invites with {CommandNames.GetResellerInvite}.", inviteId);

    private static void RequirePending(ResellerInvite invite)
    {
        if (invite.Status != InviteStatus.Pending)
        {
            throw new PartnerRelationshipsException(ErrorIds.Workflow.InviteNotPending, ErrorKind.InvalidOperation,
                $"The invite to {invite.CustomerName} is {invite.Status}, not Pending; only an invite the customer has not acted on can be cancelled." +
                (invite.Status is InviteStatus.Accepted or InviteStatus.AdminRemoved ? $" To end the relationship, use {CommandNames.RemoveCustomerRelationship}." : ""),
                invite.Id);
        }
    }
}
