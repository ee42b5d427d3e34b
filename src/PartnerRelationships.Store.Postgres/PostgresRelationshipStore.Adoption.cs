using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

public sealed partial class PostgresRelationshipStore : IRelationshipAdoptionStore
{
    /// <summary>
    /// Two workers adopting the same record at once compute the same id: the second insert waits on the first one's key
    /// and then does nothing, so the record and its history are written once.
    /// </summary>
    public Task<IReadOnlyList<bool>> AdoptAsync(IReadOnlyList<AdoptedRecord> records, CancellationToken cancellationToken = default) =>
        _core.AdoptAsync(records, cancellationToken);
}
