using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

/// <summary>
/// Files the SQLite store must not trust: cut short, pages overwritten, someone else's database, locked by another
/// process. Each gets a stable error id that says what to do, found at open (a scheduled run notices at once), and
/// nothing of a foreign file is changed.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteStoreDamageTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(TestInvites.Start);

    public void Dispose() => _folder.Dispose();

    private string DbPath => _folder.File("store.db");

    private async Task<long> CreateStoreAsync(int invites)
    {
        using (var store = SqliteRelationshipStore.Open(DbPath, _clock))
        {
            for (var i = 0; i < invites; i++)
            {
                await store.AddInviteAsync(TestInvites.New($"Customer {i:D4} with a name long enough to fill pages", TestInvites.Start.AddMinutes(i)));
            }
        }

        Assert.False(File.Exists(DbPath + "-wal")); // closed: everything is in the file itself
        return new FileInfo(DbPath).Length;
    }

    [Fact]
    public async Task A_truncated_store_is_reported_as_damaged_at_open()
    {
        var length = await CreateStoreAsync(300);
        using (var file = new FileStream(DbPath, FileMode.Open))
        {
            file.SetLength(length / 2);
        }

        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(DbPath, _clock));

        Assert.Equal("StoreDamaged", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Category);
        Assert.Contains("is damaged", error.Message);
        Assert.Contains("Restore it from a backup, or move it away", error.Message);
        Assert.Equal(length / 2, new FileInfo(DbPath).Length); // nothing was written to it
    }

    [Fact]
    public async Task A_store_with_overwritten_pages_is_reported_as_damaged_at_open()
    {
        var length = await CreateStoreAsync(300);
        var pageSize = Convert.ToInt32(RawSqlite.Scalar(DbPath, "PRAGMA page_size"));
        using (var file = new FileStream(DbPath, FileMode.Open))
        {
            // Pages 3 to 6 (after the header page and the first table's root) turn to garbage; the length stays.
            file.Position = 2L * pageSize;
            var garbage = new byte[4 * pageSize];
            new Random(3).NextBytes(garbage);
            file.Write(garbage);
        }

        Assert.Equal(length, new FileInfo(DbPath).Length);

        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(DbPath, _clock));

        Assert.Equal("StoreDamaged", error.ErrorId);
        Assert.Contains("move it away", error.Message);
    }

    [Fact]
    public void Another_applications_database_with_its_own_invites_table_is_identified_and_left_unchanged()
    {
        using (var connection = RawSqlite.Open(DbPath))
        {
            RawSqlite.Scalar(connection, "CREATE TABLE invites (code TEXT PRIMARY KEY, guest TEXT); INSERT INTO invites VALUES ('A1', 'Ann');");
        }

        var before = File.ReadAllBytes(DbPath);

        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(DbPath, _clock));

        Assert.Equal("StoreFileForeign", error.ErrorId);
        Assert.Contains("another application (tables: invites)", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath)); // not switched to WAL, not migrated: byte for byte the same
        Assert.Equal("delete", RawSqlite.Scalar(DbPath, "PRAGMA journal_mode"));
        Assert.False(File.Exists(DbPath + "-wal"));
    }

    [Fact]
    public void A_foreign_database_that_sets_a_user_version_is_still_not_ours()
    {
        using (var connection = RawSqlite.Open(DbPath))
        {
            RawSqlite.Scalar(connection, "CREATE TABLE invites (id TEXT); CREATE TABLE invite_history (x TEXT); PRAGMA user_version = 1;");
        }

        Assert.Equal("StoreFileForeign", Assert.Throws<PartnerRelationshipsException>(() => SqliteRelationshipStore.Open(DbPath, _clock)).ErrorId);
    }

    [Fact]
    public async Task Our_own_store_still_opens()
    {
        await CreateStoreAsync(3);

        using var store = SqliteRelationshipStore.Open(DbPath, _clock);

        Assert.Equal(3, await store.QueryInvitesAsync(new InviteQuery()).CountAsync());
    }

    [Fact]
    public async Task A_store_locked_by_another_process_says_it_is_waiting_and_gives_up_on_time_with_StoreBusy()
    {
        using var store = SqliteRelationshipStore.Open(DbPath, _clock);
        store.BusyBudget = TimeSpan.FromSeconds(2);
        var notices = new List<string>();
        store.Waiting = notices.Add;
        using var other = RawSqlite.Open(DbPath);
        RawSqlite.Scalar(other, "BEGIN IMMEDIATE"); // another writer holds the lock and does not let go

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => store.AddInviteAsync(TestInvites.New()));
        watch.Stop();

        Assert.Equal("StoreBusy", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Category);
        Assert.Contains("locked by another process", Assert.Single(notices));
        // The budget and at most one statement's wait beyond it; before, the data provider's own 30-second retry
        // ran inside each of five attempts (about 150 seconds).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"gave up after {watch.Elapsed.TotalSeconds:0.0} s");

        RawSqlite.Scalar(other, "ROLLBACK");
        await store.AddInviteAsync(TestInvites.New()); // and works once the lock is gone
    }
}
