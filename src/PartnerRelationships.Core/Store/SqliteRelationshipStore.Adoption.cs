using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

public sealed partial class SqliteRelationshipStore : IRelationshipAdoptionStore
{
    /// <summary>BEGIN IMMEDIATE holds the write lock from the look-up to the commit: another writer can't slip in between.</summary>
    public Task<IReadOnlyList<bool>> AdoptAsync(IReadOnlyList<AdoptedRecord> records, CancellationToken cancellationToken = default) =>
        _core.AdoptAsync(records, cancellationToken);
}
