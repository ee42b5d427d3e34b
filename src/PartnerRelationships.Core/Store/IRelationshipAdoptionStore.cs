using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Recording what the service already had (Import-PartnerRelationship). A record is written only when the store
/// knows nothing about it yet: no record with its id, no record of its relationship (by id or display name), and for a
/// reseller customer no open reseller record of its tenant. Safe to repeat, and safe from several workers at once:
/// each record is written at most once, with its whole history, or not at all.
/// </summary>
public interface IRelationshipAdoptionStore
{
    /// <summary>
    /// Records the batch in one transaction. Results are in the order of <paramref name="records"/>: true when the
    /// record was written, false when the store already knew it (so nothing was written for it).
    /// </summary>
    Task<IReadOnlyList<bool>> AdoptAsync(IReadOnlyList<AdoptedRecord> records, CancellationToken cancellationToken = default);
}
