using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// Recording and querying invites in the SQLite store, against raw Microsoft.Data.Sqlite doing the same writes
/// (one transaction per invite with its history row, same pragmas): the baseline is the least any store could do.
/// </summary>
internal static class StoreBenchmark
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        var count = options.GetInt("count", 100_000);
        var folder = options.Get("folder", Path.Combine(Path.GetTempPath(), "pr-bench-" + Guid.NewGuid().ToString("n")));
        Directory.CreateDirectory(folder);
        SqliteNativeLibrary.Initialize(null);
        var results = new List<BenchResult>();

        var rawPath = Path.Combine(folder, "raw.db");
        results.Add(Measure("store-record", "raw Microsoft.Data.Sqlite", count, () => RawInsert(rawPath, count)));
        var storePath = Path.Combine(folder, "store.db");
        using (var store = SqliteRelationshipStore.Open(storePath, TimeProvider.System))
        {
            results.Add(await MeasureAsync("store-record", "SqliteRelationshipStore.AddInviteAsync", count, async () =>
            {
                for (var i = 0; i < count; i++)
                {
                    await store.AddInviteAsync(NewInvite("bench", i));
                }
            }));

            results.Add(Measure("store-query", "raw Microsoft.Data.Sqlite", count, () => RawScan(rawPath)));
            results.Add(await MeasureAsync("store-query", "SqliteRelationshipStore.QueryInvitesAsync", count, async () =>
            {
                var seen = 0;
                await foreach (var _ in store.QueryInvitesAsync(new InviteQuery()))
                {
                    seen++;
                }

                if (seen != count)
                {
                    throw new InvalidOperationException($"Query returned {seen} invites, expected {count}.");
                }
            }));

            results.AddRange(await MeasureChangesAsync(store, rawPath, Math.Min(options.GetInt("change-count", 5_000), count / 2)));
        }

        // Querying at --query-count: the rest is seeded in one transaction (bench-only), then both sides scan everything.
        var queryCount = options.GetInt("query-count", 100_000);
        if (queryCount > count)
        {
            BulkInviteSeeder.SeedRaw(rawPath, queryCount - count, "seeded");
            BulkInviteSeeder.SeedStore(storePath, queryCount - count, "seeded");
            using var store = SqliteRelationshipStore.Open(storePath, TimeProvider.System);
            results.Add(Measure("store-query-large", "raw Microsoft.Data.Sqlite", queryCount, () => RawScan(rawPath)));
            results.Add(await MeasureAsync("store-query-large", "SqliteRelationshipStore.QueryInvitesAsync", queryCount, async () =>
            {
                var seen = 0;
                await foreach (var _ in store.QueryInvitesAsync(new InviteQuery()))
                {
                    seen++;
                }

                if (seen != queryCount)
                {
                    throw new InvalidOperationException($"Query returned {seen} invites, expected {queryCount}.");
                }
            }));
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        return results;
    }

    /// <summary>
    /// Status changes as sync writes them: compare-and-set plus history row, in batches of <see cref="ChangeBatchSize"/>
    /// per transaction, against one transaction per change (how sync wrote before) and raw SQL doing the same batches.
    /// </summary>
    private static async Task<IReadOnlyList<BenchResult>> MeasureChangesAsync(SqliteRelationshipStore store, string rawPath, int changes)
    {
        var pending = new List<ResellerInvite>();
        await foreach (var invite in store.QueryInvitesAsync(new InviteQuery()))
        {
            pending.Add(invite);
            if (pending.Count == 2 * changes) break;
        }

        StatusChange Accept(ResellerInvite invite) => new(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, DateTimeOffset.UtcNow, "accepted", "tenant");
        var results = new List<BenchResult>
        {
            await MeasureAsync("store-change", "SqliteRelationshipStore.TryChangeStatusAsync, one transaction per change", changes, async () =>
            {
                foreach (var invite in pending.Take(changes))
                {
                    _ = await store.TryChangeStatusAsync(Accept(invite)) ?? throw new InvalidOperationException("A change was not applied.");
                }
            }),
            await MeasureAsync("store-change", $"SqliteRelationshipStore.TryChangeStatusesAsync, {ChangeBatchSize} per transaction", changes, async () =>
            {
                foreach (var batch in pending.Skip(changes).Chunk(ChangeBatchSize))
                {
                    var applied = await store.TryChangeStatusesAsync(batch.Select(Accept).ToList());
                    if (applied.Any(a => a is null)) throw new InvalidOperationException("A change was not applied.");
                }
            }),
            Measure("store-change", $"raw Microsoft.Data.Sqlite, {ChangeBatchSize} per transaction", changes, () => RawChange(rawPath, changes)),
        };
        return results;
    }

    private const int ChangeBatchSize = 100;

    private static void RawChange(string path, int changes)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL;");
        var ids = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = $"SELECT id FROM invites WHERE status = 'Pending' LIMIT {changes}";
            using var reader = select.ExecuteReader();
            while (reader.Read()) ids.Add(reader.GetString(0));
        }

        foreach (var batch in ids.Chunk(ChangeBatchSize))
        {
            using var transaction = connection.BeginTransaction();
            foreach (var id in batch)
            {
                using (var update = connection.CreateCommand())
                {
                    update.CommandText = "UPDATE invites SET status = 'Accepted' WHERE id = $id AND status = 'Pending'";
                    update.Parameters.AddWithValue("$id", id);
                    if (update.ExecuteNonQuery() != 1) throw new InvalidOperationException("A raw change was not applied.");
                }

                using var history = connection.CreateCommand();
                history.CommandText = "INSERT INTO history (invite_id, to_status, at) VALUES ($id, 'Accepted', $at)";
                history.Parameters.AddWithValue("$id", id);
                history.Parameters.AddWithValue("$at", DateTime.UtcNow.Ticks);
                history.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>One of several processes writing into one store at once.</summary>
    public static async Task<IReadOnlyList<BenchResult>> RunWriterAsync(BenchOptions options)
    {
        var count = options.GetInt("count", 1000);
        var prefix = options.Get("prefix", "writer");
        SqliteNativeLibrary.Initialize(null);
        using var store = SqliteRelationshipStore.Open(options.Get("path", "store.db"), TimeProvider.System);
        return new[]
        {
            await MeasureAsync("store-writer", prefix, count, async () =>
            {
                for (var i = 0; i < count; i++)
                {
                    await store.AddInviteAsync(NewInvite(prefix, i));
                }
            }),
        };
    }

    private static ResellerInvite NewInvite(string prefix, int i)
    {
        var now = DateTimeOffset.UtcNow;
        return new ResellerInvite
        {
            Id = Guid.NewGuid(),
            Kind = InviteKind.Reseller,
            CustomerName = $"{prefix} customer {i}",
            CustomerEmail = $"admin{i}@{prefix}.example",
            Status = InviteStatus.Pending,
            CreatedAt = now,
            StatusChangedAt = now,
            Link = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1234567",
            Subject = "Reseller relationship request",
            Body = "Please accept.",
        };
    }

    private static void RawInsert(string path, int count)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, "CREATE TABLE invites (id TEXT PRIMARY KEY, name TEXT, email TEXT, status TEXT, created_at INTEGER, body TEXT);" +
                            "CREATE TABLE history (sequence INTEGER PRIMARY KEY AUTOINCREMENT, invite_id TEXT, to_status TEXT, at INTEGER);");
        for (var i = 0; i < count; i++)
        {
            using var transaction = connection.BeginTransaction();
            var id = Guid.NewGuid().ToString();
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO invites VALUES ($id, $name, $email, 'Pending', $at, 'Please accept.')";
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$name", $"raw customer {i}");
                insert.Parameters.AddWithValue("$email", $"admin{i}@raw.example");
                insert.Parameters.AddWithValue("$at", DateTime.UtcNow.Ticks);
                insert.ExecuteNonQuery();
            }

            using (var history = connection.CreateCommand())
            {
                history.CommandText = "INSERT INTO history (invite_id, to_status, at) VALUES ($id, 'Pending', $at)";
                history.Parameters.AddWithValue("$id", id);
                history.Parameters.AddWithValue("$at", DateTime.UtcNow.Ticks);
                history.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static void RawScan(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, email, status, created_at, body FROM invites ORDER BY created_at, id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _ = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5));
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static BenchResult Measure(string benchmark, string subject, int items, Action work)
    {
        var watch = Stopwatch.StartNew();
        work();
        return new BenchResult(benchmark, subject, items, watch.Elapsed.TotalSeconds, PeakMb());
    }

    private static async Task<BenchResult> MeasureAsync(string benchmark, string subject, int items, Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return new BenchResult(benchmark, subject, items, watch.Elapsed.TotalSeconds, PeakMb());
    }

    private static double PeakMb() => Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
}
