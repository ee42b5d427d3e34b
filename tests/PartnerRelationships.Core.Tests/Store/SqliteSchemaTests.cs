using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

[Collection(SqliteCollection.Name)]
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(TestInvites.Start);

    public void Dispose() => _folder.Dispose();

    private string DbPath => _folder.File("store.db");

    [Fact]
    public void Open_creates_folder_file_and_schema_at_the_latest_version()
    {
        var path = Path.Combine(_folder.Path, "nested", "deeper", "store.db");

        using (SqliteRelationshipStore.Open(path, _clock))
        {
            Assert.True(File.Exists(path));
        }

        Assert.Equal((long)SqliteSchema.LatestVersion, RawSqlite.Scalar(path, "PRAGMA user_version"));
        Assert.Equal(1L, RawSqlite.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'invites'"));
        Assert.Equal(1L, RawSqlite.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'invite_history'"));
        Assert.Equal(2L, RawSqlite.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'invite_history'"));
        Assert.Equal(5L, RawSqlite.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invites' AND sql IS NOT NULL"));
    }

    [Fact]
    public async Task A_store_of_schema_2_keeps_its_invites_and_reads_them_as_invited()
    {
        using (var raw = new SqliteConnection($"Data Source={DbPath}"))
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + SqliteSchema.Migrations[1] +
                "INSERT INTO invites (id, kind, customer_name, customer_email, status, created_at, status_changed_at, link, subject, body, version) " +
                "VALUES ('0b7c6f1e-3a57-4a39-9b0e-2f1d4a5c6e70', 'Reseller', 'Contoso', '', 'Pending', '2025-03-01T09:30:00.0000000Z', " +
                "'2025-03-01T09:30:00.0000000Z', '', '', '', 1); PRAGMA user_version = 2;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        using var store = SqliteRelationshipStore.Open(DbPath, _clock);

        var invite = await store.GetInviteAsync(Guid.Parse("0b7c6f1e-3a57-4a39-9b0e-2f1d4a5c6e70"));
        Assert.Equal(PartnerRelationships.Core.Invites.InviteOrigin.Invited, invite!.Origin);
        Assert.Equal((long)SqliteSchema.LatestVersion, RawSqlite.Scalar(DbPath, "PRAGMA user_version"));
    }

    [Fact]
    public async Task Reopening_keeps_data_and_does_not_migrate_again()
    {
        var invite = TestInvites.New();
        using (var store = SqliteRelationshipStore.Open(DbPath, _clock))
        {
            await store.AddInviteAsync(invite);
        }

        using (var reopened = SqliteRelationshipStore.Open(DbPath, _clock))
        {
            Assert.Equal(invite.Id, (await reopened.GetInviteAsync(invite.Id))!.Id);
        }

        Assert.Equal((long)SqliteSchema.LatestVersion, RawSqlite.Scalar(DbPath, "PRAGMA user_version"));
    }

    [Fact]
    public void A_store_written_by_a_newer_module_is_refused()
    {
        SqliteRelationshipStore.Open(DbPath, _clock).Dispose();
        RawSqlite.Scalar(DbPath, $"PRAGMA user_version = {SqliteSchema.LatestVersion + 1}");

        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(DbPath, _clock));

        Assert.Equal("StoreSchemaTooNew", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, error.Category);
        Assert.Contains("Update-Module", error.Message);
        Assert.Equal((long)SqliteSchema.LatestVersion + 1, RawSqlite.Scalar(DbPath, "PRAGMA user_version"));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused()
    {
        File.WriteAllText(DbPath, new string('x', 4096));

        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(DbPath, _clock));

        Assert.Equal("StoreFileInvalid", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Category);
    }

    [Fact]
    public async Task History_is_append_only()
    {
        using (var store = SqliteRelationshipStore.Open(DbPath, _clock))
        {
            await store.AddInviteAsync(TestInvites.New());
        }

        using var connection = RawSqlite.Open(DbPath);
        var onUpdate = Assert.Throws<SqliteException>(() => RawSqlite.Scalar(connection, "UPDATE invite_history SET detail = 'rewritten'"));
        var onDelete = Assert.Throws<SqliteException>(() => RawSqlite.Scalar(connection, "DELETE FROM invite_history"));

        Assert.Contains("append-only", onUpdate.Message);
        Assert.Contains("append-only", onDelete.Message);
        Assert.Equal(1L, RawSqlite.Scalar(connection, "SELECT count(*) FROM invite_history"));
        Assert.Equal("invite recorded", RawSqlite.Scalar(connection, "SELECT detail FROM invite_history"));
    }

    [Fact]
    public void The_file_is_in_wal_mode()
    {
        SqliteRelationshipStore.Open(DbPath, _clock).Dispose();

        // journal_mode=WAL is stored in the file, so a fresh connection sees it.
        Assert.Equal("wal", RawSqlite.Scalar(DbPath, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task History_refers_to_existing_invites()
    {
        using (var store = SqliteRelationshipStore.Open(DbPath, _clock))
        {
            await store.AddInviteAsync(TestInvites.New());
        }

        using var connection = RawSqlite.Open(DbPath);
        RawSqlite.Scalar(connection, "PRAGMA foreign_keys = ON");
        Assert.Throws<SqliteException>(() => RawSqlite.Scalar(connection,
            "INSERT INTO invite_history (invite_id, to_status, at) VALUES ('no-such-invite', 'Pending', '2025-01-01T00:00:00.0000000Z')"));
    }

    [Fact]
    public void A_path_whose_parent_is_a_file_is_not_writable()
    {
        var blocker = _folder.File("not-a-folder");
        File.WriteAllText(blocker, "I am a file");
        var path = Path.Combine(blocker, "store.db");

        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(path, _clock));

        Assert.Equal("StorePathNotWritable", error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Category);
        Assert.Contains(path, error.Message);
        Assert.Contains("store.path", error.Message);
        Assert.Equal(path, error.Target);
    }

    [Fact]
    public void A_path_that_is_a_folder_is_not_writable()
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(_folder.Path, _clock));

        Assert.Equal("StorePathNotWritable", error.ErrorId);
    }
}
