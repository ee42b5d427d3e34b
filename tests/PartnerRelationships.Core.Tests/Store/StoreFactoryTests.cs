using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

[Collection(SqliteCollection.Name)]
public sealed class StoreFactoryTests
{
    [Fact]
    public void Postgres_is_not_available_yet()
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() =>
            StoreFactory.Open(new StoreSettings { Provider = StoreProvider.Postgres }, new FakeTimeProvider()));

        Assert.Equal("StoreProviderNotAvailable", error.ErrorId);
        Assert.Equal(ErrorKind.NotImplemented, error.Category);
        Assert.Contains("later release", error.Message);
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
