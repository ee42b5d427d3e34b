using System;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

/// <summary>
/// The store in a PostgreSQL database, shared by many machines and processes. Every operation is one transaction on a
/// pooled connection: a compare-and-set is an UPDATE ... WHERE status = expected (the row lock makes a second writer
/// re-check and find the status changed), history is written in the same transaction, and a transient failure
/// (dropped connection, deadlock) rolls back and retries the whole operation.
/// </summary>
public sealed class PostgresRelationshipStore : SqlRelationshipStore
{
    private const int DefaultMaxPoolSize = 10;

    /// <summary>First key of the migration's advisory lock ("PR"); the second is the schema's hash.</summary>
    private const int AdvisoryLockClass = 0x5052;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStoreOptions _options;
    private volatile bool _disposed;

    private PostgresRelationshipStore(NpgsqlDataSource dataSource, string server, Func<DateTimeOffset> now, PostgresStoreOptions options)
        : base(Dialect, now)
    {
        _dataSource = dataSource;
        Server = server;
        _options = options;
    }

    /// <summary>Host, port and database (never the password): what messages and verbose output name.</summary>
    public string Server { get; }

    /// <summary>Connects and brings the schema up to date now, so a wrong connection string fails here.</summary>
    public static PostgresRelationshipStore Open(string connectionString, Func<DateTimeOffset> now, PostgresStoreOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw ConnectionStringInvalid();
        }

        if (now is null)
        {
            throw new ArgumentNullException(nameof(now));
        }

        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The inner message may quote the value, password and all: leave it out.
            throw ConnectionStringInvalid();
        }

        var settings = builder.ConnectionStringBuilder;
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "PartnerRelationships";
        }

        // A command's work is a handful of short transactions; Npgsql's default of 100 connections per process would
        // let a fleet of workers exhaust the server's max_connections. The connection string can still say otherwise.
        if (!MentionsAny(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }

        // A row or table another session holds makes a statement wait for ever by default, and Npgsql's 30-second
        // command timeout (a transient error, retried) would multiply that into minutes of silence. A short
        // lock_timeout turns the wait into 55P03, which RunAsync reports and retries within BusyBudget.
        if (string.IsNullOrEmpty(settings.Options) || settings.Options!.IndexOf("lock_timeout", StringComparison.OrdinalIgnoreCase) < 0)
        {
            settings.Options = ((settings.Options ?? "") + $" -c lock_timeout={LockTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)}").Trim();
        }

        var server = $"{settings.Host ?? "localhost"}:{settings.Port.ToString(CultureInfo.InvariantCulture)}/{settings.Database ?? settings.Username ?? "(default)"}";
        return OpenOrDispose(
            new PostgresRelationshipStore(builder.Build(), server, now, options ?? new PostgresStoreOptions()),
            store => store.RunAsync(write: true, store.MigrateAsync, CancellationToken.None).GetAwaiter().GetResult());
    }

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _dataSource.Dispose();
    }

    /// <summary>How long a statement waits for a lock another session holds before RunAsync takes over (and reports it).</summary>
    private const int LockTimeoutMilliseconds = 2000;

    private void ReportWaiting() =>
        ReportWaiting($"The PostgreSQL store {Server} is locked by another session; waiting for it (up to {BusyBudget.TotalSeconds:0} seconds).");

    private PartnerRelationshipsException Busy(Exception inner, TimeSpan waited) => StoreErrors.Busy($"PostgreSQL store {Server}", "session", Server, waited, inner);

    private static PostgresDialect Dialect => PostgresDialect.Instance;

    /// <summary>
    /// Runs one operation in its own transaction. Transient failures roll back and retry the whole operation; anything
    /// else rolls back and becomes a module error. Nothing is ever half-written.
    /// </summary>
    /// <param name="write">Unused: every operation is a transaction here, a read included (a consistent page).</param>
    private protected override async Task<T> RunAsync<T>(bool write, StoreWork<T> work, CancellationToken cancellationToken)
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(PostgresRelationshipStore));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var lockWaits = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrors.LockNotAvailable && !cancellationToken.IsCancellationRequested)
            {
                // Another session holds what this operation needs: wait for it (saying so) within the budget, then StoreBusy.
                attempt--; // Lock waits have their own budget; they do not use up the attempts failures get.
                if (waited.Elapsed >= BusyBudget)
                {
                    throw Busy(e, waited.Elapsed);
                }

                if (lockWaits++ == 0)
                {
                    ReportWaiting();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (PostgresErrors.IsTransient(e) && attempt < _options.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromTicks(_options.RetryDelay.Ticks * (1L << (attempt - 1)));
                if (delay > TimeSpan.Zero)
                {
                    // A real pause (not the injected clock): this waits for the server or network to come back.
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is NpgsqlException && !cancellationToken.IsCancellationRequested)
            {
                throw PostgresErrors.Map(e, Server);
            }
            catch (ObjectDisposedException) when (_disposed)
            {
                throw new ObjectDisposedException(nameof(PostgresRelationshipStore));
            }
        }
    }

    /// <summary>
    /// Brings the schema to <see cref="PostgresSchema.LatestVersion"/>. The transaction-scoped advisory lock makes
    /// workers starting at once take turns: the first migrates, the others find the schema current. A current
    /// schema needs no DDL, so day-to-day users need no CREATE privilege.
    /// </summary>
    private async Task<bool> MigrateAsync(DbConnection connection, DbTransaction? transaction, CancellationToken token)
    {
        await Dialect.ExecuteAsync(connection, transaction,
            $"SELECT pg_advisory_xact_lock({AdvisoryLockClass.ToString(CultureInfo.InvariantCulture)}, hashtext(coalesce(current_schema(), '')))", token)
            .ConfigureAwait(false);

        var version = 0;
        if (await Dialect.ScalarAsync(connection, transaction, $"SELECT to_regclass('{PostgresSchema.VersionTable}') IS NOT NULL", token).ConfigureAwait(false) is true)
        {
            var read = await Dialect.ScalarAsync(connection, transaction, $"SELECT max(version) FROM {PostgresSchema.VersionTable}", token).ConfigureAwait(false);
            version = read is int value ? value : 0;
        }

        if (version > PostgresSchema.LatestVersion)
        {
            throw StoreErrors.SchemaTooNew($"store {Server}", Server, version, PostgresSchema.LatestVersion);
        }

        if (version == PostgresSchema.LatestVersion)
        {
            return false;
        }

        await Dialect.ExecuteAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {PostgresSchema.VersionTable} (version integer NOT NULL)", token).ConfigureAwait(false);
        for (var next = version + 1; next <= PostgresSchema.LatestVersion; next++)
        {
            await Dialect.ExecuteAsync(connection, transaction, PostgresSchema.Migrations[next - 1], token).ConfigureAwait(false);
        }

        await Dialect.ExecuteAsync(connection, transaction, $"DELETE FROM {PostgresSchema.VersionTable}", token).ConfigureAwait(false);
        await Dialect.ExecuteAsync(connection, transaction, $"INSERT INTO {PostgresSchema.VersionTable} (version) VALUES (@version)", token,
            ("version", PostgresSchema.LatestVersion)).ConfigureAwait(false);
        return true;
    }

    private static bool MentionsAny(string connectionString, params string[] keys)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in keys)
        {
            if (parsed.ContainsKey(key))
            {
                return true;
            }
        }

        return false;
    }

    private static PartnerRelationshipsException ConnectionStringInvalid() => new(
        ErrorIds.Store.StoreConnectionStringInvalid,
        ErrorKind.InvalidArgument,
        "The PostgreSQL connection string is empty or not valid. It looks like 'Host=db.example.com;Port=5432;" +
        "Database=partner;Username=pr_app;Password=...'; fix the value of the environment variable or vault secret the " +
        "configuration names (store.connectionStringVariable or store.secretVault/secretName).");
}
