using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

/// <summary>What only the SQLite store does: a file, released on dispose, migrated once by PRAGMA user_version.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(TestInvites.Start);

    public void Dispose() => _folder.Dispose();

    private string DbPath => _folder.File("store.db");

    [Fact]
    public async Task Dispose_releases_the_file()
    {
        var store = SqliteRelationshipStore.Open(DbPath, _clock);
        await store.AddInviteAsync(TestInvites.New());
        store.Dispose();

        // Windows refuses to delete an open file; everywhere, no -wal/-shm is left once the last connection closes.
        File.Delete(DbPath);
        Assert.False(File.Exists(_folder.File("store.db-wal")));
    }

    [Fact]
    public async Task Two_stores_opening_a_new_file_at_once_migrate_it_once()
    {
        var stores = await Task.WhenAll(
            Task.Run(() => SqliteRelationshipStore.Open(DbPath, _clock)),
            Task.Run(() => SqliteRelationshipStore.Open(DbPath, _clock)));
        foreach (var store in stores)
        {
            store.Dispose();
        }

        Assert.Equal((long)SqliteSchema.LatestVersion, RawSqlite.Scalar(DbPath, "PRAGMA user_version"));
    }
}
