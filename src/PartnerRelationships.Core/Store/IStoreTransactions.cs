using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>One operation's work on an open connection; the transaction is null for a SQLite read.</summary>
internal delegate Task<T> StoreWork<T>(DbConnection connection, DbTransaction? transaction, CancellationToken token);

/// <summary>
/// How a store runs an operation: its own connection handling, transaction, waiting on locks, retries and error
/// mapping. <see cref="RelationshipStoreCore"/> hands every operation to it.
/// </summary>
internal interface IStoreTransactions
{
    /// <param name="write">The work changes the store (SQLite takes the write lock up front; PostgreSQL runs every operation in a transaction).</param>
    Task<T> RunAsync<T>(bool write, StoreWork<T> work, CancellationToken cancellationToken);
}
