using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Store.Postgres;

namespace PartnerRelationships.Core.Tests.Store.Postgres;

/// <summary>What only the PostgreSQL store does: schema migration between workers, the append-only trigger, connection errors.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests : IDisposable
{
    private static readonly PostgresStoreOptions NoPause = new() { RetryDelay = TimeSpan.Zero };

    private readonly PostgresServerFixture _server;
    private readonly FakeTimeProvider _clock = new(TestInvites.Start);
    private readonly List<string> _schemas = new();

    public PostgresStoreTests(PostgresServerFixture server) => _server = server;

    public void Dispose()
    {
        foreach (var schema in _schemas)
        {
            _server.DropSchema(schema);
        }
    }

    private string NewSchema()
    {
        var connection = _server.NewSchema(out var schema);
        _schemas.Add(schema);
        return connection;
    }

    [SkippableFact]
    public async Task A_row_locked_by_another_session_is_waited_for_with_a_notice_and_gives_StoreBusy_on_time()
    {
        var connection = NewSchema();
        using var store = PostgresRelationshipStore.Open(connection, _clock.GetUtcNow);
        var invite = await store.AddInviteAsync(TestInvites.New());
        store.BusyBudget = TimeSpan.FromSeconds(3);
        var notices = new List<string>();
        store.Waiting = notices.Add;

        await using var other = new NpgsqlConnection(connection);
        await other.OpenAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT id FROM invites FOR UPDATE", other, holding))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() =>
            store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1))));
        watch.Stop();

        Assert.Equal("StoreBusy", error.ErrorId);
        Assert.Contains("locked by another session", Assert.Single(notices));
        // The budget and one lock_timeout beyond it; before, each attempt waited out Npgsql's 30-second command timeout.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"gave up after {watch.Elapsed.TotalSeconds:0.0} s");

        await holding.RollbackAsync();
        Assert.NotNull(await store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1))));
    }

    [SkippableFact]
    public async Task Eight_workers_opening_a_new_schema_at_once_migrate_it_once()
    {
        var connection = NewSchema();

        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgresRelationshipStore.Open(connection, _clock.GetUtcNow))));
        try
        {
            await Task.WhenAll(stores.Select((store, i) => store.AddInviteAsync(TestInvites.New($"Worker {i}"))));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }

        Assert.Equal(1L, PostgresServerFixture.Scalar(connection, "SELECT count(*) FROM pr_schema_version"));
        Assert.Equal(PostgresSchema.LatestVersion, PostgresServerFixture.Scalar(connection, "SELECT version FROM pr_schema_version"));
        Assert.Equal(8L, PostgresServerFixture.Scalar(connection, "SELECT count(*) FROM invites"));
    }

    [SkippableTheory]
    [InlineData("UPDATE invite_history SET detail = 'rewritten'")]
    [InlineData("DELETE FROM invite_history")]
    [InlineData("TRUNCATE invite_history")]
    public async Task History_is_append_only_even_behind_the_stores_back(string sql)
    {
        var connection = NewSchema();
        using (var store = PostgresRelationshipStore.Open(connection, _clock.GetUtcNow))
        {
            await store.AddInviteAsync(TestInvites.New());
        }

        var error = Assert.Throws<PostgresException>(() => PostgresServerFixture.Execute(connection, sql));

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(1L, PostgresServerFixture.Scalar(connection, "SELECT count(*) FROM invite_history"));
    }

    [SkippableFact]
    public void A_schema_from_a_newer_version_is_refused()
    {
        var connection = NewSchema();
        PostgresRelationshipStore.Open(connection, _clock.GetUtcNow).Dispose();
        PostgresServerFixture.Execute(connection, "UPDATE pr_schema_version SET version = 99");

        var error = Assert.Throws<PartnerRelationshipsException>(() => PostgresRelationshipStore.Open(connection, _clock.GetUtcNow));

        Assert.Equal("StoreSchemaTooNew", error.ErrorId);
    }

    [Fact]
    public void An_unreachable_server_is_StoreUnavailable_without_the_password()
    {
        var connection = $"Host=127.0.0.1;Port={ClosedPort()};Username=pr_app;Password=s3cret-Pa55;Timeout=5";

        var error = Assert.Throws<PartnerRelationshipsException>(() => PostgresRelationshipStore.Open(connection, _clock.GetUtcNow, NoPause));

        Assert.Equal("StoreUnavailable", error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, error.Category);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.DoesNotContain("s3cret-Pa55", error.ToString());
    }

    [Theory]
    [InlineData("Host=db;Password=s3cret-Pa55;Frobnicate=yes")]
    [InlineData("this is not a connection string s3cret-Pa55")]
    [InlineData(" ")]
    public void A_malformed_connection_string_is_refused_without_echoing_it(string connection)
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() => PostgresRelationshipStore.Open(connection, _clock.GetUtcNow, NoPause));

        Assert.Equal("StoreConnectionStringInvalid", error.ErrorId);
        Assert.DoesNotContain("s3cret-Pa55", error.ToString());
    }

    [SkippableFact]
    public void A_missing_database_says_so()
    {
        var connection = new NpgsqlConnectionStringBuilder(_server.RequireConnectionString()) { Database = "no_such_db_" + Guid.NewGuid().ToString("N")[..6] }.ToString();

        var error = Assert.Throws<PartnerRelationshipsException>(() => PostgresRelationshipStore.Open(connection, _clock.GetUtcNow, NoPause));

        Assert.Equal("StoreUnavailable", error.ErrorId);
        Assert.Contains("no such database", error.Message);
    }

    [SkippableFact]
    public async Task A_dropped_connection_is_retried_transparently()
    {
        var connection = new NpgsqlConnectionStringBuilder(NewSchema()) { Pooling = true, ApplicationName = "pr-retry-" + Guid.NewGuid().ToString("N")[..8] };
        using var store = PostgresRelationshipStore.Open(connection.ToString(), _clock.GetUtcNow, NoPause);
        var invite = await store.AddInviteAsync(TestInvites.New());

        // The server ends the store's idle pooled connection (a restart, a failover, an idle timeout would).
        PostgresServerFixture.Execute(_server.ConnectionString!,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{connection.ApplicationName}'");

        var changed = await store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1)));

        Assert.NotNull(changed);
        Assert.Equal(2, (await store.GetHistoryAsync(invite.Id)).Count);
    }

    [SkippableFact]
    public async Task A_user_with_only_data_rights_can_use_a_migrated_schema()
    {
        var owner = NewSchema();
        var schema = new NpgsqlConnectionStringBuilder(owner).SearchPath!;
        PostgresRelationshipStore.Open(owner, _clock.GetUtcNow).Dispose();
        var role = "pr_app_" + Guid.NewGuid().ToString("N")[..8];
        PostgresServerFixture.Execute(owner,
            $"CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA {schema} TO {role}; " +
            $"GRANT SELECT, INSERT, UPDATE ON invites, invite_history TO {role}; GRANT SELECT ON pr_schema_version TO {role};");
        try
        {
            var app = new NpgsqlConnectionStringBuilder(owner) { Username = role }.ToString();
            using var store = PostgresRelationshipStore.Open(app, _clock.GetUtcNow, NoPause);
            var invite = await store.AddInviteAsync(TestInvites.New());
            Assert.NotNull(await store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start)));

            // And without CREATE it cannot build a schema from nothing: a clear permission error.
            var empty = NewSchema();
            PostgresServerFixture.Execute(owner, $"GRANT USAGE ON SCHEMA {new NpgsqlConnectionStringBuilder(empty).SearchPath} TO {role}");
            var error = Assert.Throws<PartnerRelationshipsException>(() =>
                PostgresRelationshipStore.Open(new NpgsqlConnectionStringBuilder(empty) { Username = role }.ToString(), _clock.GetUtcNow, NoPause));
            Assert.Equal("StorePermissionDenied", error.ErrorId);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            PostgresServerFixture.Execute(owner, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [SkippableFact]
    public async Task StoreFactory_opens_postgres_from_the_variable_the_config_names()
    {
        var connection = NewSchema();
        var settings = new StoreSettings { Provider = StoreProvider.Postgres, ConnectionStringVariable = "PR_TEST_DB" };

        using var store = StoreFactory.Open(settings, _clock, name => name == "PR_TEST_DB" ? connection : null, null);
        await store.AddInviteAsync(TestInvites.New());

        Assert.Equal("PostgresRelationshipStore", store.GetType().Name);
        Assert.Equal(1L, PostgresServerFixture.Scalar(connection, "SELECT count(*) FROM invites"));
    }

    [SkippableFact]
    public async Task StoreFactory_takes_the_connection_string_from_the_vault()
    {
        var connection = NewSchema();
        var settings = new StoreSettings { Provider = StoreProvider.Postgres, SecretVault = "Ops", SecretName = "pr-db" };

        using var store = StoreFactory.Open(settings, _clock, _ => null, (vault, name) => vault == "Ops" && name == "pr-db" ? connection : null);

        Assert.Empty(await store.QueryInvitesAsync(new InviteQuery()).ToListAsync());
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
