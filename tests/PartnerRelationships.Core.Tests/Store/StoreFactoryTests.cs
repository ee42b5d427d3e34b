using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

[Collection(SqliteCollection.Name)]
public sealed class StoreFactoryTests
{
    [Fact]
    public void Postgres_without_its_variable_set_says_which_variable()
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() =>
            StoreFactory.Open(new StoreSettings { Provider = StoreProvider.Postgres, ConnectionStringVariable = "PR_TEST_UNSET" }, new FakeTimeProvider(), _ => null, null));

        Assert.Equal("StoreConnectionStringMissing", error.ErrorId);
        Assert.Contains("PR_TEST_UNSET", error.Message);
    }

    [Fact]
    public void Postgres_with_a_vault_but_no_way_to_read_it_says_so()
    {
        var settings = new StoreSettings { Provider = StoreProvider.Postgres, SecretVault = "Ops", SecretName = "pr-db" };

        var error = Assert.Throws<PartnerRelationshipsException>(() => StoreFactory.Open(settings, new FakeTimeProvider(), _ => null, null));

        Assert.Equal("StoreSecretVaultUnavailable", error.ErrorId);
    }

    [Fact]
    public void Postgres_with_an_empty_vault_secret_names_the_secret()
    {
        var settings = new StoreSettings { Provider = StoreProvider.Postgres, SecretVault = "Ops", SecretName = "pr-db" };
        var asked = new List<(string, string)>();

        var error = Assert.Throws<PartnerRelationshipsException>(() => StoreFactory.Open(settings, new FakeTimeProvider(), _ => null, (vault, name) =>
        {
            asked.Add((vault, name));
            return "";
        }));

        Assert.Equal("StoreConnectionStringMissing", error.ErrorId);
        Assert.Equal(new[] { ("Ops", "pr-db") }, asked);
    }

    [Fact]
    public void The_variable_wins_over_the_vault()
    {
        var settings = new StoreSettings { Provider = StoreProvider.Postgres, ConnectionStringVariable = "PR_DB", SecretVault = "Ops", SecretName = "pr-db" };

        var fromVariable = StoreConnectionString.Resolve(settings, name => name == "PR_DB" ? "Host=a" : null, (_, _) => "Host=b");
        var fromVault = StoreConnectionString.Resolve(settings, _ => null, (_, _) => "Host=b");

        Assert.Equal("Host=a", fromVariable);
        Assert.Equal("Host=b", fromVault);
    }

    [Fact]
    public void A_missing_postgres_assembly_is_StoreProviderNotAvailable()
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() =>
            PostgresStoreLoader.Open("Host=127.0.0.1", new FakeTimeProvider(), "PartnerRelationships.Store.Missing"));

        Assert.Equal("StoreProviderNotAvailable", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Category);
        Assert.Contains("sqlite", error.Message);
    }

    [Fact]
    public async Task Sqlite_opens_the_configured_file_ready_to_use()
    {
        using var folder = new TempFolder();
        var path = folder.File("configured.db");

        using (var store = StoreFactory.Open(new StoreSettings { Provider = StoreProvider.Sqlite, Path = path }, new FakeTimeProvider(TestInvites.Start)))
        {
            Assert.IsType<SqliteRelationshipStore>(store);
            Assert.True(File.Exists(path));
            await store.AddInviteAsync(TestInvites.New());
        }

        Assert.Equal(1L, RawSqlite.Scalar(path, "SELECT count(*) FROM invites"));
    }

    [Fact]
    public void Sqlite_with_an_unwritable_path_fails_at_open()
    {
        using var folder = new TempFolder();
        var blocker = folder.File("file");
        File.WriteAllText(blocker, "");

        var error = Assert.Throws<PartnerRelationshipsException>(() =>
            StoreFactory.Open(new StoreSettings { Path = Path.Combine(blocker, "store.db") }, new FakeTimeProvider()));

        Assert.Equal("StorePathNotWritable", error.ErrorId);
    }
}
