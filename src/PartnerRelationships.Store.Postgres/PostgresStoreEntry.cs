using System;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

/// <summary>
/// The entry point Core's StoreFactory calls by reflection (by these names: keep them). The clock is a function, not a
/// TimeProvider: the module's netstandard2.0 TimeProvider polyfill is a different type from .NET 8's.
/// </summary>
public static class PostgresStoreEntry
{
    public static IRelationshipStore Open(string connectionString, Func<DateTimeOffset> now) =>
        PostgresRelationshipStore.Open(connectionString, now);
}
