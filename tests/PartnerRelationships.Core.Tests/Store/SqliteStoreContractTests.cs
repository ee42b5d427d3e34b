using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store.Contract;

namespace PartnerRelationships.Core.Tests.Store;

/// <summary>The store contract against a SQLite file in a fresh folder.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteStoreContractTests : RelationshipStoreContractTests
{
    protected override IStoreLocation CreateLocation() => new SqliteLocation();

    internal sealed class SqliteLocation : IStoreLocation
    {
        private readonly TempFolder _folder = new();

        public string Path => _folder.File("store.db");

        public IRelationshipStore Open(TimeProvider clock) => SqliteRelationshipStore.Open(Path, clock);

        public long CountRows(string table) => (long)RawSqlite.Scalar(Path, $"SELECT count(*) FROM {table}")!;

        public void Dispose() => _folder.Dispose();
    }
}
