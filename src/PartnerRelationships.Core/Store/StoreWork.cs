using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// One operation's work on an open connection, handed to the store's own RunAsync (its transaction, lock waits,
/// retries and error mapping). The transaction is null for a SQLite read.
/// </summary>
internal delegate Task<T> StoreWork<T>(DbConnection connection, DbTransaction? transaction, CancellationToken token);
