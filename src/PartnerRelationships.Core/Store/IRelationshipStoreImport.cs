using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Writing an invite exactly as another store recorded it (status, version, times and history), for
/// <see cref="StoreCopier"/>. Separate from <see cref="IRelationshipStore"/> because only a copy may set a status
/// without a compare-and-set.
/// </summary>
public interface IRelationshipStoreImport
{
    /// <summary>
    /// Records the invite and its history in one transaction, or merges them into the invite already recorded with
    /// that id (see <see cref="ImportOutcome"/>). History is only ever appended.
    /// </summary>
    Task<ImportOutcome> ImportInviteAsync(ResellerInvite invite, IReadOnlyList<InviteHistoryEntry> history, CancellationToken cancellationToken = default);
}
