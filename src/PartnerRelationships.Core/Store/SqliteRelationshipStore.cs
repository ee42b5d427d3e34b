using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// The store in a local SQLite file. One connection per instance, used by one operation at a time; several
/// instances (or processes) can share the file: WAL lets readers run beside the writer, and every write takes the
/// write lock up front (BEGIN IMMEDIATE) and waits or retries rather than failing with "database is locked".
/// </summary>
public sealed partial class SqliteRelationshipStore : IRelationshipStore, IInviteDraftStore, IRelationshipStoreImport, IStoreWaitNotices
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
    private const int QueryPageSize = 200;
    private const string FoldFunction = "pr_fold";

    private const string InviteColumns =
        "id, kind, customer_name, customer_email, customer_tenant_id, status, created_at, status_changed_at, " +
        "link, subject, body, relationship_id, relationship_display_name, template, version, origin";

    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>Creates the store without touching the file; it is opened (and migrated) on first use.</summary>
    public SqliteRelationshipStore(string path, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("The store path must not be empty.", nameof(path));
        }

        Path = FullPath(path);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string Path { get; }

    /// <summary>How long an operation waits for another process's lock on the file before it gives up with StoreBusy.</summary>
    public TimeSpan BusyBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Told (from the waiting thread) once per operation that has to wait for another process's lock.</summary>
    public Action<string>? Waiting { get; set; }

    /// <summary>Opens the file now (creating folder and file, migrating the schema), so a bad path fails here.</summary>
    public static SqliteRelationshipStore Open(string path, TimeProvider clock)
    {
        var store = new SqliteRelationshipStore(path, clock);
        try
        {
            store.EnsureOpen();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Task<ResellerInvite> AddInviteAsync(ResellerInvite invite, CancellationToken cancellationToken = default)
    {
        if (invite is null)
        {
            throw new ArgumentNullException(nameof(invite));
        }

        if (invite.Id == Guid.Empty)
        {
            throw new ArgumentException("The invite needs an id.", nameof(invite));
        }

        var createdAt = (invite.CreatedAt == default ? _clock.GetUtcNow() : invite.CreatedAt).ToUniversalTime();
        var stored = invite with
        {
            Status = InviteStatus.Pending,
            CreatedAt = createdAt,
            StatusChangedAt = createdAt,
            Version = 1,
            Origin = InviteOrigin.Invited,
        };

        return RunAsync(write: true, (connection, transaction) =>
        {
            try
            {
                Execute(connection, transaction,
                    $"INSERT INTO invites ({InviteColumns}) VALUES (@id, @kind, @customer_name, @customer_email, @customer_tenant_id, " +
                    "@status, @created_at, @status_changed_at, @link, @subject, @body, @relationship_id, @relationship_display_name, @template, @version, @origin)",
                    ("@id", IdText(stored.Id)),
                    ("@kind", stored.Kind.ToString()),
                    ("@customer_name", stored.CustomerName ?? ""),
                    ("@customer_email", stored.CustomerEmail ?? ""),
                    ("@customer_tenant_id", stored.CustomerTenantId),
                    ("@status", stored.Status.ToString()),
                    ("@created_at", SqliteTime.ToText(stored.CreatedAt)),
                    ("@status_changed_at", SqliteTime.ToText(stored.StatusChangedAt)),
                    ("@link", stored.Link ?? ""),
                    ("@subject", stored.Subject ?? ""),
                    ("@body", stored.Body ?? ""),
                    ("@relationship_id", stored.RelationshipId),
                    ("@relationship_display_name", stored.RelationshipDisplayName),
                    ("@template", stored.Template),
                    ("@version", stored.Version),
                    ("@origin", stored.Origin.ToString()));
            }
            catch (SqliteException e) when (SqliteErrorCodes.IsPrimaryKeyViolation(e))
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Invite.InviteAlreadyExists,
                    ErrorKind.ResourceExists,
                    $"An invite with id {stored.Id} is already recorded. Use {CommandNames.GetResellerInvite} -Id {stored.Id} to see it.",
                    stored.Id,
                    e);
            }
            catch (SqliteException e) when (SqliteErrorCodes.IsUniqueViolation(e))
            {
                throw DisplayNameInUse(stored.RelationshipDisplayName, e);
            }

            AppendHistory(connection, transaction, stored.Id, null, InviteStatus.Pending, stored.CreatedAt, "invite recorded");
            return stored;
        }, cancellationToken);
    }

    public Task<ResellerInvite?> GetInviteAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunAsync(write: false, (connection, transaction) => ReadInvite(connection, transaction, id), cancellationToken);

    /// <summary>
    /// Streams matching invites oldest first. Rows are read in pages (keyed on created_at, id) and the connection
    /// is free between pages, so a caller may write to the store while it enumerates.
    /// </summary>
    public async IAsyncEnumerable<ResellerInvite> QueryInvitesAsync(
        InviteQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (query is null)
        {
            throw new ArgumentNullException(nameof(query));
        }

        ResellerInvite? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var after = last;
            var page = await RunAsync(write: false, (connection, _) => ReadPage(connection, query, after, cancellationToken), cancellationToken)
                .ConfigureAwait(false);

            foreach (var invite in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return invite;
            }

            if (page.Count < QueryPageSize)
            {
                yield break;
            }

            last = page[page.Count - 1];
        }
    }

    public async Task<ResellerInvite?> TryChangeStatusAsync(StatusChange change, CancellationToken cancellationToken = default)
    {
        if (change is null)
        {
            throw new ArgumentNullException(nameof(change));
        }

        return (await TryChangeStatusesAsync(new[] { change }, cancellationToken).ConfigureAwait(false))[0];
    }

    public Task<IReadOnlyList<ResellerInvite?>> TryChangeStatusesAsync(IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken = default)
    {
        StatusChanges.Require(changes);
        if (changes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ResellerInvite?>>(Array.Empty<ResellerInvite?>());
        }

        return RunAsync<IReadOnlyList<ResellerInvite?>>(write: true, (connection, transaction) => ApplyChanges(connection, transaction, changes, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Each compare-and-set with its history entry, in the caller's transaction. The two statements are prepared once
    /// per batch and re-bound per change; the update returns the changed row, so nothing is read twice.
    /// </summary>
    private static ResellerInvite?[] ApplyChanges(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        using var update = Command(connection, transaction,
            "UPDATE invites SET status = @new, status_changed_at = @at, version = version + 1, " +
            $"customer_tenant_id = COALESCE(@tid, customer_tenant_id) WHERE id = @id AND status = @expected RETURNING {InviteColumns}",
            ("@new", null), ("@at", null), ("@tid", null), ("@id", null), ("@expected", null));
        using var history = HistoryCommand(connection, transaction);
        var results = new ResellerInvite?[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = changes[i];
            var at = change.At.ToUniversalTime();
            Bind(update, ("@new", change.NewStatus.ToString()), ("@at", SqliteTime.ToText(at)), ("@tid", change.CustomerTenantId),
                ("@id", IdText(change.InviteId)), ("@expected", change.ExpectedStatus.ToString()));
            using (var reader = update.ExecuteReader())
            {
                results[i] = reader.Read() ? ReadInviteRow(reader) : null;
            }

            if (results[i] is not null)
            {
                Bind(history, ("@invite_id", IdText(change.InviteId)), ("@from", change.ExpectedStatus.ToString()), ("@to", change.NewStatus.ToString()),
                    ("@at", SqliteTime.ToText(at)), ("@detail", change.Detail));
                history.ExecuteNonQuery();
            }
        }

        return results;
    }

    public Task<ResellerInvite?> SetRelationshipAsync(Guid inviteId, string relationshipId, string displayName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(relationshipId))
        {
            throw new ArgumentException("The relationship id must not be empty.", nameof(relationshipId));
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new ArgumentException("The relationship display name must not be empty.", nameof(displayName));
        }

        return RunAsync(write: true, (connection, transaction) =>
        {
            int changed;
            try
            {
                changed = Execute(connection, transaction,
                    "UPDATE invites SET relationship_id = @rid, relationship_display_name = @name, version = version + 1 WHERE id = @id",
                    ("@rid", relationshipId),
                    ("@name", displayName),
                    ("@id", IdText(inviteId)));
            }
            catch (SqliteException e) when (SqliteErrorCodes.IsUniqueViolation(e))
            {
                throw DisplayNameInUse(displayName, e);
            }

            return changed == 1 ? ReadInvite(connection, transaction, inviteId) : null;
        }, cancellationToken);
    }

    public Task<ResellerInvite?> SetDraftAsync(Guid inviteId, string link, string subject, string body, CancellationToken cancellationToken = default) =>
        RunAsync(write: true, (connection, transaction) =>
        {
            var changed = Execute(connection, transaction,
                "UPDATE invites SET link = @link, subject = @subject, body = @body, version = version + 1 WHERE id = @id AND status = @pending",
                ("@link", link ?? ""),
                ("@subject", subject ?? ""),
                ("@body", body ?? ""),
                ("@id", IdText(inviteId)),
                ("@pending", InviteStatus.Pending.ToString()));
            return changed == 1 ? ReadInvite(connection, transaction, inviteId) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<InviteHistoryEntry>> GetHistoryAsync(Guid inviteId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<InviteHistoryEntry>>(write: false, (connection, transaction) => ReadHistory(connection, transaction, inviteId), cancellationToken);

    public Task<ImportOutcome> ImportInviteAsync(ResellerInvite invite, IReadOnlyList<InviteHistoryEntry> history, CancellationToken cancellationToken = default)
    {
        if (invite is null)
        {
            throw new ArgumentNullException(nameof(invite));
        }

        if (history is null)
        {
            throw new ArgumentNullException(nameof(history));
        }

        // BEGIN IMMEDIATE holds the write lock from the read to the commit, so the plan cannot go stale.
        return RunAsync(write: true, (connection, transaction) =>
        {
            var existing = ReadInvite(connection, transaction, invite.Id);
            var plan = ImportPlan.Decide(
                existing,
                existing is null ? Array.Empty<InviteHistoryEntry>() : ReadHistory(connection, transaction, invite.Id),
                invite,
                history);
            if (plan.WriteInvite)
            {
                try
                {
                    WriteImportedInvite(connection, transaction, invite, replace: existing is not null);
                }
                catch (SqliteException e) when (SqliteErrorCodes.IsUniqueViolation(e))
                {
                    throw DisplayNameInUse(invite.RelationshipDisplayName, e);
                }
            }

            foreach (var entry in plan.Append)
            {
                AppendHistory(connection, transaction, invite.Id, entry.FromStatus, entry.ToStatus, entry.At.ToUniversalTime(), entry.Detail);
            }

            return plan.Outcome;
        }, cancellationToken);
    }

    public void Dispose()
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
    private async Task<T> RunAsync<T>(bool write, Func<SqliteConnection, SqliteTransaction?, T> work, CancellationToken cancellationToken)
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
                        return work(connection, null);
                    }

                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = work(connection, transaction);
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

    private void ReportWaiting()
    {
        try
        {
            Waiting?.Invoke($"The store '{Path}' is locked by another process; waiting for it (up to {BusyBudget.TotalSeconds:0} seconds).");
        }
        catch
        {
            // A notice must never break the operation.
        }
    }

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

            connection.CreateFunction<string?, string?>(FoldFunction, value => value?.ToLowerInvariant(), isDeterministic: true);
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
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreSchemaTooNew,
                ErrorKind.InvalidOperation,
                $"The store '{Path}' was written by a newer version of PartnerRelationships (schema {version}; this version " +
                $"knows up to {SqliteSchema.LatestVersion}). Update the module: Update-Module PartnerRelationships.",
                Path);
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

    private static List<ResellerInvite> ReadPage(SqliteConnection connection, InviteQuery query, ResellerInvite? after, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {InviteColumns} FROM invites WHERE 1 = 1");
        var parameters = new List<(string Name, object? Value)>();

        if (query.Id is { } id)
        {
            sql.Append(" AND id = @id");
            parameters.Add(("@id", IdText(id)));
        }

        if (query.Statuses is { } statuses)
        {
            // An empty set of statuses matches nothing, as "status in {}" would.
            var names = new List<string>();
            foreach (var status in statuses)
            {
                var name = "@status" + names.Count.ToString(CultureInfo.InvariantCulture);
                names.Add(name);
                parameters.Add((name, status.ToString()));
            }

            sql.Append(names.Count == 0 ? " AND 0" : $" AND status IN ({string.Join(", ", names)})");
        }

        if (query.Kind is { } kind)
        {
            sql.Append(" AND kind = @kind");
            parameters.Add(("@kind", kind.ToString()));
        }

        if (query.CustomerNamePattern is { } pattern)
        {
            // LIKE folds ASCII case only; folding both sides in .NET makes the match case-insensitive for all letters.
            sql.Append($" AND {FoldFunction}(customer_name) LIKE @name_pattern ESCAPE '{SqliteWildcard.Escape}'");
            parameters.Add(("@name_pattern", SqliteWildcard.ToLikePattern(pattern.ToLowerInvariant())));
        }

        if (query.CustomerEmail is { } email)
        {
            sql.Append($" AND {FoldFunction}(customer_email) = @customer_email");
            parameters.Add(("@customer_email", email.Trim().ToLowerInvariant()));
        }

        if (query.CreatedBefore is { } createdBefore)
        {
            sql.Append(" AND created_at < @created_before");
            parameters.Add(("@created_before", SqliteTime.ToText(createdBefore)));
        }

        if (query.StatusChangedBefore is { } statusChangedBefore)
        {
            sql.Append(" AND status_changed_at < @status_changed_before");
            parameters.Add(("@status_changed_before", SqliteTime.ToText(statusChangedBefore)));
        }

        if (after is not null)
        {
            // A row value, as on PostgreSQL: SQLite seeks the (created_at, id) index straight to it. The equivalent OR
            // scanned every row with the same created_at again on each page, and adoption gives thousands of records
            // one creation time (183,068 records read in 23 s instead of about 1).
            sql.Append(" AND (created_at, id) > (@after_created, @after_id)");
            parameters.Add(("@after_created", SqliteTime.ToText(after.CreatedAt)));
            parameters.Add(("@after_id", IdText(after.Id)));
        }

        sql.Append(" ORDER BY created_at, id LIMIT ").Append(QueryPageSize.ToString(CultureInfo.InvariantCulture));

        using var command = Command(connection, null, sql.ToString(), parameters.ToArray());
        using var reader = command.ExecuteReader();
        var page = new List<ResellerInvite>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            page.Add(ReadInviteRow(reader));
        }

        return page;
    }

    private static ResellerInvite? ReadInvite(SqliteConnection connection, SqliteTransaction? transaction, Guid id)
    {
        using var command = Command(connection, transaction, $"SELECT {InviteColumns} FROM invites WHERE id = @id", ("@id", IdText(id)));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadInviteRow(reader) : null;
    }

    private static ResellerInvite ReadInviteRow(SqliteDataReader reader) => new()
    {
        Id = Guid.Parse(reader.GetString(0)),
        Kind = ParseEnum<InviteKind>(reader.GetString(1)),
        CustomerName = reader.GetString(2),
        CustomerEmail = reader.GetString(3),
        CustomerTenantId = NullableString(reader, 4),
        Status = ParseEnum<InviteStatus>(reader.GetString(5)),
        CreatedAt = SqliteTime.FromText(reader.GetString(6)),
        StatusChangedAt = SqliteTime.FromText(reader.GetString(7)),
        Link = reader.GetString(8),
        Subject = reader.GetString(9),
        Body = reader.GetString(10),
        RelationshipId = NullableString(reader, 11),
        RelationshipDisplayName = NullableString(reader, 12),
        Template = NullableString(reader, 13),
        Version = reader.GetInt64(14),
        Origin = ParseEnum<InviteOrigin>(reader.GetString(15)),
    };

    private static List<InviteHistoryEntry> ReadHistory(SqliteConnection connection, SqliteTransaction? transaction, Guid inviteId)
    {
        using var command = Command(connection, transaction,
            "SELECT sequence, invite_id, from_status, to_status, at, detail FROM invite_history " +
            "WHERE invite_id = @id ORDER BY sequence",
            ("@id", IdText(inviteId)));
        using var reader = command.ExecuteReader();
        var history = new List<InviteHistoryEntry>();
        while (reader.Read())
        {
            history.Add(new InviteHistoryEntry
            {
                Sequence = reader.GetInt64(0),
                InviteId = Guid.Parse(reader.GetString(1)),
                FromStatus = reader.IsDBNull(2) ? null : ParseEnum<InviteStatus>(reader.GetString(2)),
                ToStatus = ParseEnum<InviteStatus>(reader.GetString(3)),
                At = SqliteTime.FromText(reader.GetString(4)),
                Detail = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        }

        return history;
    }

    private static void WriteImportedInvite(SqliteConnection connection, SqliteTransaction? transaction, ResellerInvite invite, bool replace) =>
        Execute(connection, transaction,
            replace
                ? "UPDATE invites SET kind = @kind, customer_name = @customer_name, customer_email = @customer_email, " +
                  "customer_tenant_id = @customer_tenant_id, status = @status, created_at = @created_at, " +
                  "status_changed_at = @status_changed_at, link = @link, subject = @subject, body = @body, " +
                  "relationship_id = @relationship_id, relationship_display_name = @relationship_display_name, " +
                  "template = @template, version = @version, origin = @origin WHERE id = @id"
                : $"INSERT INTO invites ({InviteColumns}) VALUES (@id, @kind, @customer_name, @customer_email, " +
                  "@customer_tenant_id, @status, @created_at, @status_changed_at, @link, @subject, @body, @relationship_id, " +
                  "@relationship_display_name, @template, @version, @origin)",
            ("@id", IdText(invite.Id)),
            ("@kind", invite.Kind.ToString()),
            ("@customer_name", invite.CustomerName ?? ""),
            ("@customer_email", invite.CustomerEmail ?? ""),
            ("@customer_tenant_id", invite.CustomerTenantId),
            ("@status", invite.Status.ToString()),
            ("@created_at", SqliteTime.ToText(invite.CreatedAt)),
            ("@status_changed_at", SqliteTime.ToText(invite.StatusChangedAt)),
            ("@link", invite.Link ?? ""),
            ("@subject", invite.Subject ?? ""),
            ("@body", invite.Body ?? ""),
            ("@relationship_id", invite.RelationshipId),
            ("@relationship_display_name", invite.RelationshipDisplayName),
            ("@template", invite.Template),
            ("@version", invite.Version),
            ("@origin", invite.Origin.ToString()));

    private static void AppendHistory(
        SqliteConnection connection, SqliteTransaction? transaction, Guid inviteId, InviteStatus? from, InviteStatus to, DateTimeOffset at, string? detail)
    {
        using var command = HistoryCommand(connection, transaction);
        Bind(command, ("@invite_id", IdText(inviteId)), ("@from", from?.ToString()), ("@to", to.ToString()), ("@at", SqliteTime.ToText(at)), ("@detail", detail));
        command.ExecuteNonQuery();
    }

    private static SqliteCommand HistoryCommand(SqliteConnection connection, SqliteTransaction? transaction) =>
        Command(connection, transaction,
            "INSERT INTO invite_history (invite_id, from_status, to_status, at, detail) VALUES (@invite_id, @from, @to, @at, @detail)",
            ("@invite_id", null), ("@from", null), ("@to", null), ("@at", null), ("@detail", null));

    /// <summary>New values for a command's parameters (added by <see cref="Command"/>), keeping it prepared.</summary>
    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
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

    private static string IdText(Guid id) => id.ToString("D");

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static T ParseEnum<T>(string value) where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: false);

    private PartnerRelationshipsException NotWritable(Exception? inner) => new(
        ErrorIds.Store.StorePathNotWritable,
        ErrorKind.PermissionDenied,
        $"The store file '{Path}' cannot be created or written{(inner is null ? "" : $" ({inner.Message})")}. " +
        "Check the folder exists and is writable, or set store.path in the configuration to a writable file.",
        Path,
        inner);

    private PartnerRelationshipsException Busy(Exception inner, TimeSpan waited) => new(
        ErrorIds.Store.StoreBusy,
        ErrorKind.ResourceUnavailable,
        $"The store file '{Path}' stayed locked by another process for {Math.Round(waited.TotalSeconds):0} seconds; nothing was changed. " +
        "Try again when other PartnerRelationships commands have finished.",
        Path,
        inner);

    private PartnerRelationshipsException Damaged(Exception inner) => SqliteStoreCheck.Damaged(Path, inner.Message, inner);

    private static PartnerRelationshipsException DisplayNameInUse(string? displayName, Exception inner) => new(
        ErrorIds.Workflow.RelationshipDisplayNameInUse,
        ErrorKind.ResourceExists,
        $"Another invite already uses the relationship display name '{displayName}'. Choose a different display name.",
        displayName,
        inner);
}
