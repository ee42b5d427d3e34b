using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Where a contract test's store lives (a SQLite file, a PostgreSQL schema): fresh, and removed on dispose.</summary>
public interface IStoreLocation : IDisposable
{
    /// <summary>Opens another store instance on this location: a second process sharing the store.</summary>
    IRelationshipStore Open(TimeProvider clock);

    /// <summary>Counts rows of a table behind the store's back.</summary>
    long CountRows(string table);
}
