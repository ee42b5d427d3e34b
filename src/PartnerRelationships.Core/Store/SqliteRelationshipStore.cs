using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// The store in a local SQLite file. One connection per instance, used by one operation at a time; several
/// instances (or processes) can share the file: WAL lets readers run beside the writer, and every write takes the
/// write lock up front (BEGIN IMMEDIATE) and waits or retries rather than failing with "database is locked".
/// </summary>
public sealed class SqliteRelationshipStore : SqlRelationshipStore
{
    /// <summary>
    /// How long one statement lets SQLite wait for another process's lock before our own loop takes over (the loop
    /// reports the wait and keeps to <see cref="BusyBudget"/>). Short, so a wait is noticed and reported early.
    /// </summary>
    private const int BusyTimeoutMilliseconds = 1000;

    /// <summary>
    /// Microsoft.Data.Sqlite retries a busy statement itself until the command timeout (30 s by default), on top of
    /// busy_timeout and our retries: that multiplied a 5-attempt loop into about 150 s of silent waiting. One second
    /// (0 would mean "for ever") hands the waiting back to our loop.
    /// </summary>
    private const int CommandTimeoutSeconds = 1;

    /// <summary>Stores up to this size are checked with PRAGMA quick_check at open (about 20–80 ms); larger ones get the header check only.</summary>
    private const long QuickCheckMaxBytes = 32L * 1024 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>Creates the store without touching the file; it is opened (and migrated) on first use.</summary>
    public SqliteRelationshipStore(string path, TimeProvider clock)
        : base(SqliteDialect.Instance, (clock ?? throw new ArgumentNullException(nameof(clock))).GetUtcNow)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("The store path must not be empty.", nameof(path));
        }

        Path = FullPath(path);
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string Path { get; }

    /// <summary>Opens the file now (creating folder and file, migrating the schema), so a bad path fails here.</summary>
    public static SqliteRelationshipStore Open(string path, TimeProvider clock) =>
        OpenOrDispose(new SqliteRelationshipStore(path, clock), store => store.EnsureOpen());

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // Wait for a running operation so the connection is not closed under it.
        _gate.Wait();
        try
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs one operation on the connection, one at a time per store. Writes run in a BEGIN IMMEDIATE transaction;
    /// when another writer holds the file beyond busy_timeout the whole operation is retried a few times.
    /// </summary>
    private protected override async Task<T> RunAsync<T>(bool write, StoreWork<T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = EnsureOpen();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (!write)
                    {
                        return await work(connection, null, cancellationToken).ConfigureAwait(false);
                    }

                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
                    transaction.Commit();
                    return result;
                }
                catch (SqliteException e) when (SqliteErrorCodes.IsBusy(e) && waited.Elapsed < BusyBudget)
                {
                    if (attempt == 1)
                    {
                        ReportWaiting();
                    }

                    // A real pause (not the injected clock): this waits for another process to finish its write.
                    await Task.Delay(RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException e) when (SqliteErrorCodes.IsBusy(e))
                {
                    throw Busy(e, waited.Elapsed);
                }
                catch (SqliteException e) when (SqliteErrorCodes.IsUnwritable(e))
                {
                    throw NotWritable(e);
                }
                catch (SqliteException e) when (SqliteErrorCodes.IsCorrupt(e))
                {
                    throw Damaged(e);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ReportWaiting() =>
        ReportWaiting($"The store '{Path}' is locked by another process; waiting for it (up to {BusyBudget.TotalSeconds:0} seconds).");

    private static TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(500, 50 * (1 << Math.Min(attempt, 4))));

    private SqliteConnection EnsureOpen()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(SqliteRelationshipStore));
        }

        return _connection ??= OpenConnection();
    }

    private SqliteConnection OpenConnection()
    {
        CreateParentFolder();

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = CommandTimeoutSeconds,
            // Without pooling, Dispose really closes the file (tests and users can delete or move it).
            Pooling = false,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();

            // SQLite silently opens a file it may not write read-only; that must fail now, not at the first write.
            if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            {
                throw NotWritable(null);
            }

            ExecuteScalar(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            ExecuteScalar(connection, "PRAGMA foreign_keys = ON;");

            // Before anything changes the file (WAL, migrations): is it whole, and is it ours?
            SqliteStoreCheck.RequireIntactHeader(Path);
            WithBusyRetry(() => SqliteStoreCheck.RequireOurs(connection, Path));
            if (SqliteStoreCheck.FileLength(Path) <= QuickCheckMaxBytes)
            {
                WithBusyRetry(() => SqliteStoreCheck.RequireQuickCheck(connection, Path));
            }

            WithBusyRetry(() => ExecuteScalar(connection, "PRAGMA journal_mode = WAL;"));

            // FULL rather than NORMAL: in WAL mode NORMAL can lose the last commits on power loss. Writes here are
            // few and human-paced, and an invite already sent must not vanish from the record, so the extra fsync is cheap.
            ExecuteScalar(connection, "PRAGMA synchronous = FULL;");

            WithBusyRetry(() => Migrate(connection));

            connection.CreateFunction<string?, string?>(SqliteDialect.FoldFunction, value => value?.ToLowerInvariant(), isDeterministic: true);
            return connection;
        }
        catch (SqliteException e) when (SqliteErrorCodes.IsUnwritable(e))
        {
            connection.Dispose();
            throw NotWritable(e);
        }
        catch (SqliteException e) when (SqliteErrorCodes.IsCorrupt(e))
        {
            connection.Dispose();
            throw Damaged(e);
        }
        catch (SqliteException e) when (SqliteErrorCodes.IsNotADatabase(e))
        {
            connection.Dispose();
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreFileInvalid,
                ErrorKind.InvalidData,
                $"'{Path}' is not a PartnerRelationships store (not a SQLite database). Point store.path in the " +
                "configuration at another file, or move this one away.",
                Path,
                e);
        }
        catch (SqliteException e) when (SqliteErrorCodes.IsBusy(e))
        {
            connection.Dispose();
            throw Busy(e, BusyBudget);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Brings the schema to <see cref="SqliteSchema.LatestVersion"/>. BEGIN IMMEDIATE takes the write lock before
    /// reading the version, so two processes opening a new file at once migrate it exactly once.
    /// </summary>
    private void Migrate(SqliteConnection connection)
    {
        // Most opens find the schema current; checking first avoids taking the write lock for nothing.
        if (ReadUserVersion(connection, null) == SqliteSchema.LatestVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadUserVersion(connection, transaction);
        if (version > SqliteSchema.LatestVersion)
        {
            throw StoreErrors.SchemaTooNew($"store '{Path}'", Path, version, SqliteSchema.LatestVersion);
        }

        for (var next = version + 1; next <= SqliteSchema.LatestVersion; next++)
        {
            Execute(connection, transaction, SqliteSchema.Migrations[next - 1]);
            // PRAGMA takes no parameters; the value is our own integer.
            Execute(connection, transaction, $"PRAGMA user_version = {next.ToString(CultureInfo.InvariantCulture)};");
        }

        transaction.Commit();
    }

    private static int ReadUserVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, transaction, "PRAGMA user_version;");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void WithBusyRetry(Action action)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                action();
                return;
            }
            catch (SqliteException e) when (SqliteErrorCodes.IsBusy(e) && waited.Elapsed < BusyBudget)
            {
                if (attempt == 1)
                {
                    ReportWaiting();
                }

                // Opening is synchronous; a short real pause while another process finishes its write.
                Thread.Sleep(RetryDelay(attempt));
            }
        }
    }

    private void CreateParentFolder()
    {
        try
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw NotWritable(e);
        }
    }

    private static string FullPath(string path)
    {
        var expanded = path.Trim();
        if (expanded == "~" || expanded.StartsWith("~/", StringComparison.Ordinal) || expanded.StartsWith("~\\", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            expanded = home + expanded.Substring(1);
        }

        try
        {
            return System.IO.Path.GetFullPath(expanded);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StorePathInvalid,
                ErrorKind.InvalidArgument,
                $"'{path}' is not a valid file path. Set store.path in the configuration to a file path.",
                path,
                e);
        }
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static void ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, null, sql);
        command.ExecuteScalar();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private PartnerRelationshipsException NotWritable(Exception? inner) => new(
        ErrorIds.Store.StorePathNotWritable,
        ErrorKind.PermissionDenied,
        $"The store file '{Path}' cannot be created or written{(inner is null ? "" : $" ({inner.Message})")}. " +
        "Check the folder exists and is writable, or set store.path in the configuration to a writable file.",
        Path,
        inner);

    private PartnerRelationshipsException Busy(Exception inner, TimeSpan waited) => StoreErrors.Busy($"store file '{Path}'", "process", Path, waited, inner);

    private PartnerRelationshipsException Damaged(Exception inner) => SqliteStoreCheck.Damaged(Path, inner.Message, inner);
}
