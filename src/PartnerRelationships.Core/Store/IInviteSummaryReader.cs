using System.Collections.Generic;
using System.Threading;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Reading every stored invite in its small form (<see cref="InviteSummary"/>): only the columns a whole-store pass
/// needs leave the database, in pages, so a store of 100,000s of records never becomes 100,000s of full records.
/// </summary>
public interface IInviteSummaryReader
{
    /// <summary>
    /// Streams every invite's summary, oldest first (then by id), as <see cref="IRelationshipStore.QueryInvitesAsync"/>
    /// with no filter orders them. The store is free between pages, so a caller may write to it meanwhile.
    /// </summary>
    IAsyncEnumerable<InviteSummary> ReadInviteSummariesAsync(CancellationToken cancellationToken = default);
}
