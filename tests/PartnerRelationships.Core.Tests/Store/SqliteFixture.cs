using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

/// <summary>Initialises SQLite once for the store tests; in the test host natives come from default probing.</summary>
public sealed class SqliteFixture
{
    public SqliteFixture() => SqliteNativeLibrary.Initialize(null);
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFixture>
{
    public const string Name = "Sqlite";
}
