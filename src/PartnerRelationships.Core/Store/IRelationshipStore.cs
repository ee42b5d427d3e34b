using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// The system of record of what the partner asked for and when. Implementations are safe under
/// concurrent writers (several processes) and never leave a half-written change.
/// </summary>
public interface IRelationshipStore : IDisposable
{
    /// <summary>Records a new invite (status Pending) and its creation history entry, atomically.</summary>
    Task<ResellerInvite> AddInviteAsync(ResellerInvite invite, CancellationToken cancellationToken = default);

    Task<ResellerInvite?> GetInviteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Streams invites matching the query, oldest first.</summary>
    IAsyncEnumerable<ResellerInvite> QueryInvitesAsync(InviteQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the change only if the invite is still in <see cref="StatusChange.ExpectedStatus"/>; writes the
    /// history entry in the same transaction. Returns the updated invite, or null when another writer got there
    /// first (or the invite does not exist), so repeated and concurrent syncs never double a transition.
    /// </summary>
    Task<ResellerInvite?> TryChangeStatusAsync(StatusChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="TryChangeStatusAsync"/> for several changes in one transaction: one durable write instead of one per
    /// change, all or none. Results are in the order of <paramref name="changes"/>, each null when its compare-and-set
    /// found another status; changes to the same invite apply in order, so a later one may expect an earlier one's status.
    /// </summary>
    Task<IReadOnlyList<ResellerInvite?>> TryChangeStatusesAsync(IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Records the remote relationship of a granular invite (set once, after the remote create).</summary>
    Task<ResellerInvite?> SetRelationshipAsync(Guid inviteId, string relationshipId, string displayName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<InviteHistoryEntry>> GetHistoryAsync(Guid inviteId, CancellationToken cancellationToken = default);
}
