using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store.Contract;
using PartnerRelationships.Store.Postgres;

namespace PartnerRelationships.Core.Tests.Store.Postgres;

/// <summary>The store contract against a fresh schema on the test PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContractTests : RelationshipStoreContractTests
{
    private readonly PostgresServerFixture _server;

    public PostgresStoreContractTests(PostgresServerFixture server) => _server = server;

    protected override IStoreLocation CreateLocation() => new PostgresLocation(_server);

    internal sealed class PostgresLocation : IStoreLocation
    {
        private readonly PostgresServerFixture _server;
        private readonly string _schema;

        public PostgresLocation(PostgresServerFixture server)
        {
            _server = server;
            ConnectionString = server.NewSchema(out _schema);
        }

        /// <summary>Points at this location's schema (Search Path).</summary>
        public string ConnectionString { get; }

        public IRelationshipStore Open(TimeProvider clock) => PostgresRelationshipStore.Open(ConnectionString, clock.GetUtcNow);

        public long CountRows(string table) => (long)PostgresServerFixture.Scalar(ConnectionString, $"SELECT count(*) FROM {table}")!;

        public void Dispose() => _server.DropSchema(_schema);
    }
}
