using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

/// <summary>
/// The store in a PostgreSQL database, shared by many machines and processes. Every operation is one transaction on a
/// pooled connection: a compare-and-set is an UPDATE ... WHERE status = expected (the row lock makes a second writer
/// re-check and find the status changed), history is written in the same transaction, and a transient failure
/// (dropped connection, deadlock) rolls back and retries the whole operation.
/// </summary>
public sealed partial class PostgresRelationshipStore : IRelationshipStore, IRelationshipStoreImport, IInviteDraftStore, IStoreWaitNotices
{
    private const int QueryPageSize = 200;
    private const int DefaultMaxPoolSize = 10;

    /// <summary>First key of the migration's advisory lock ("PR"); the second is the schema's hash.</summary>
    private const int AdvisoryLockClass = 0x5052;

    private const string InviteColumns =
        "id, kind, customer_name, customer_email, customer_tenant_id, status, created_at, status_changed_at, " +
        "link, subject, body, relationship_id, relationship_display_name, template, version, origin";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<DateTimeOffset> _now;
    private readonly PostgresStoreOptions _options;
    private volatile bool _disposed;

    private PostgresRelationshipStore(NpgsqlDataSource dataSource, string server, Func<DateTimeOffset> now, PostgresStoreOptions options)
    {
        _dataSource = dataSource;
        Server = server;
        _now = now;
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
        var store = new PostgresRelationshipStore(builder.Build(), server, now, options ?? new PostgresStoreOptions());
        try
        {
            store.RunAsync(store.MigrateAsync, CancellationToken.None).GetAwaiter().GetResult();
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

        var createdAt = (invite.CreatedAt == default ? _now() : invite.CreatedAt).ToUniversalTime();
        var stored = invite with
        {
            Status = InviteStatus.Pending,
            CreatedAt = createdAt,
            StatusChangedAt = createdAt,
            Version = 1,
            Origin = InviteOrigin.Invited,
        };

        return RunAsync(async (connection, transaction, token) =>
        {
            try
            {
                await InsertInviteAsync(connection, transaction, stored, token).ConfigureAwait(false);
            }
            catch (PostgresException e) when (PostgresErrors.IsUniqueViolation(e, PostgresErrors.PrimaryKeyConstraint))
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Invite.InviteAlreadyExists,
                    ErrorKind.ResourceExists,
                    $"An invite with id {stored.Id} is already recorded. Use Get-ResellerInvite -Id {stored.Id} to see it.",
                    stored.Id,
                    e);
            }
            catch (PostgresException e) when (PostgresErrors.IsUniqueViolation(e, PostgresErrors.DisplayNameConstraint))
            {
                throw DisplayNameInUse(stored.RelationshipDisplayName, e);
            }

            await AppendHistoryAsync(connection, transaction, stored.Id, null, InviteStatus.Pending, stored.CreatedAt, "invite recorded", token).ConfigureAwait(false);
            return stored;
        }, cancellationToken);
    }

    public Task<ResellerInvite?> GetInviteAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunAsync((connection, transaction, token) => ReadInviteAsync(connection, transaction, id, forUpdate: false, token), cancellationToken);

    /// <summary>Streams matching invites oldest first, a page (keyed on created_at, id) per round trip.</summary>
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
            var page = await RunAsync((connection, transaction, token) => ReadPageAsync(connection, transaction, query, after, token), cancellationToken)
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

    public Task<ResellerInvite?> TryChangeStatusAsync(StatusChange change, CancellationToken cancellationToken = default)
    {
        if (change is null)
        {
            throw new ArgumentNullException(nameof(change));
        }

        return RunAsync((connection, transaction, token) => ApplyChangeAsync(connection, transaction, change, token), cancellationToken);
    }

    public Task<IReadOnlyList<ResellerInvite?>> TryChangeStatusesAsync(IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken = default)
    {
        StatusChanges.Require(changes);
        if (changes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ResellerInvite?>>(Array.Empty<ResellerInvite?>());
        }

        return RunAsync<IReadOnlyList<ResellerInvite?>>(async (connection, transaction, token) =>
        {
            var results = new ResellerInvite?[changes.Count];
            for (var i = 0; i < changes.Count; i++)
            {
                results[i] = await ApplyChangeAsync(connection, transaction, changes[i], token).ConfigureAwait(false);
            }

            return results;
        }, cancellationToken);
    }

    /// <summary>
    /// The compare-and-set and its history entry; the caller's transaction makes them one change. The update returns the
    /// changed row, so nothing is read twice.
    /// </summary>
    private static async Task<ResellerInvite?> ApplyChangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StatusChange change, CancellationToken token)
    {
        var at = change.At.ToUniversalTime();
        ResellerInvite? changed;
        // Under READ COMMITTED a concurrent writer waits for this row lock, then re-checks the WHERE on the new
        // row and finds the status changed: exactly one of them applies the transition.
        await using (var update = Command(connection, transaction,
            "UPDATE invites SET status = @new, status_changed_at = @at, version = version + 1, " +
            $"customer_tenant_id = COALESCE(@tid, customer_tenant_id) WHERE id = @id AND status = @expected RETURNING {InviteColumns}",
            ("new", change.NewStatus.ToString()),
            ("at", SqliteTime.ToText(at)),
            ("tid", change.CustomerTenantId),
            ("id", change.InviteId),
            ("expected", change.ExpectedStatus.ToString())))
        await using (var reader = await update.ExecuteReaderAsync(token).ConfigureAwait(false))
        {
            changed = await reader.ReadAsync(token).ConfigureAwait(false) ? ReadInviteRow(reader) : null;
        }

        if (changed is not null)
        {
            await AppendHistoryAsync(connection, transaction, change.InviteId, change.ExpectedStatus, change.NewStatus, at, change.Detail, token).ConfigureAwait(false);
        }

        return changed;
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

        return RunAsync(async (connection, transaction, token) =>
        {
            int changed;
            try
            {
                changed = await ExecuteAsync(connection, transaction,
                    "UPDATE invites SET relationship_id = @rid, relationship_display_name = @name, version = version + 1 WHERE id = @id",
                    token,
                    ("rid", relationshipId),
                    ("name", displayName),
                    ("id", inviteId)).ConfigureAwait(false);
            }
            catch (PostgresException e) when (PostgresErrors.IsUniqueViolation(e, PostgresErrors.DisplayNameConstraint))
            {
                throw DisplayNameInUse(displayName, e);
            }

            return changed == 1 ? await ReadInviteAsync(connection, transaction, inviteId, forUpdate: false, token).ConfigureAwait(false) : null;
        }, cancellationToken);
    }

    public Task<ResellerInvite?> SetDraftAsync(Guid inviteId, string link, string subject, string body, CancellationToken cancellationToken = default) =>
        RunAsync(async (connection, transaction, token) =>
        {
            var changed = await ExecuteAsync(connection, transaction,
                "UPDATE invites SET link = @link, subject = @subject, body = @body, version = version + 1 WHERE id = @id AND status = @pending",
                token,
                ("link", link ?? ""),
                ("subject", subject ?? ""),
                ("body", body ?? ""),
                ("id", inviteId),
                ("pending", InviteStatus.Pending.ToString())).ConfigureAwait(false);
            return changed == 1 ? await ReadInviteAsync(connection, transaction, inviteId, forUpdate: false, token).ConfigureAwait(false) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<InviteHistoryEntry>> GetHistoryAsync(Guid inviteId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<InviteHistoryEntry>>(
            async (connection, transaction, token) => await ReadHistoryAsync(connection, transaction, inviteId, token).ConfigureAwait(false),
            cancellationToken);

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

        return RunAsync(async (connection, transaction, token) =>
        {
            // Insert first when new (a concurrent import of the same id waits on the key, then sees it); otherwise lock
            // the row so the merge plan cannot go stale before the commit.
            var inserted = await InsertInviteAsync(connection, transaction, invite, token, onConflictDoNothing: true).ConfigureAwait(false) == 1;
            ImportPlan plan;
            if (inserted)
            {
                plan = ImportPlan.Decide(null, Array.Empty<InviteHistoryEntry>(), invite, history);
            }
            else
            {
                var existing = await ReadInviteAsync(connection, transaction, invite.Id, forUpdate: true, token).ConfigureAwait(false);
                var existingHistory = await ReadHistoryAsync(connection, transaction, invite.Id, token).ConfigureAwait(false);
                plan = ImportPlan.Decide(existing, existingHistory, invite, history);
                if (plan.WriteInvite)
                {
                    await UpdateImportedInviteAsync(connection, transaction, invite, token).ConfigureAwait(false);
                }
            }

            foreach (var entry in plan.Append)
            {
                await AppendHistoryAsync(connection, transaction, invite.Id, entry.FromStatus, entry.ToStatus, entry.At.ToUniversalTime(), entry.Detail, token).ConfigureAwait(false);
            }

            return plan.Outcome;
        }, cancellationToken, displayNameOnConflict: invite.RelationshipDisplayName);
    }

    public void Dispose()
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

    /// <inheritdoc />
    public Action<string>? Waiting { get; set; }

    /// <inheritdoc />
    public TimeSpan BusyBudget { get; set; } = TimeSpan.FromSeconds(30);

    private void ReportWaiting()
    {
        try
        {
            Waiting?.Invoke($"The PostgreSQL store {Server} is locked by another session; waiting for it (up to {BusyBudget.TotalSeconds:0} seconds).");
        }
        catch
        {
            // A notice must never break the operation.
        }
    }

    private PartnerRelationshipsException Busy(Exception inner, TimeSpan waited) => new(
        ErrorIds.Store.StoreBusy,
        ErrorKind.ResourceUnavailable,
        $"The PostgreSQL store {Server} stayed locked by another session for {Math.Round(waited.TotalSeconds):0} seconds; nothing was changed. " +
        "Try again when other PartnerRelationships commands have finished.",
        Server,
        inner);

    /// <summary>
    /// Runs one operation in its own transaction. Transient failures roll back and retry the whole operation; anything
    /// else rolls back and becomes a module error. Nothing is ever half-written.
    /// </summary>
    private async Task<T> RunAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken,
        string? displayNameOnConflict = null)
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
            catch (PostgresException e) when (displayNameOnConflict is not null && PostgresErrors.IsUniqueViolation(e, PostgresErrors.DisplayNameConstraint))
            {
                throw DisplayNameInUse(displayNameOnConflict, e);
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
    private async Task<bool> MigrateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
    {
        await ExecuteAsync(connection, transaction,
            $"SELECT pg_advisory_xact_lock({AdvisoryLockClass.ToString(CultureInfo.InvariantCulture)}, hashtext(coalesce(current_schema(), '')))", token)
            .ConfigureAwait(false);

        var version = 0;
        if (await ScalarAsync(connection, transaction, $"SELECT to_regclass('{PostgresSchema.VersionTable}') IS NOT NULL", token).ConfigureAwait(false) is true)
        {
            var read = await ScalarAsync(connection, transaction, $"SELECT max(version) FROM {PostgresSchema.VersionTable}", token).ConfigureAwait(false);
            version = read is int value ? value : 0;
        }

        if (version > PostgresSchema.LatestVersion)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreSchemaTooNew,
                ErrorKind.InvalidOperation,
                $"The store {Server} was written by a newer version of PartnerRelationships (schema {version}; this version " +
                $"knows up to {PostgresSchema.LatestVersion}). Update the module: Update-Module PartnerRelationships.",
                Server);
        }

        if (version == PostgresSchema.LatestVersion)
        {
            return false;
        }

        await ExecuteAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {PostgresSchema.VersionTable} (version integer NOT NULL)", token).ConfigureAwait(false);
        for (var next = version + 1; next <= PostgresSchema.LatestVersion; next++)
        {
            await ExecuteAsync(connection, transaction, PostgresSchema.Migrations[next - 1], token).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"DELETE FROM {PostgresSchema.VersionTable}", token).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"INSERT INTO {PostgresSchema.VersionTable} (version) VALUES (@version)", token,
            ("version", PostgresSchema.LatestVersion)).ConfigureAwait(false);
        return true;
    }

    /// <param name="onConflictDoNothing">Skip the insert when the id is taken.</param>
    /// <param name="onAnyConflictDoNothing">Skip the insert when any unique key (id or display name) is taken.</param>
    private static Task<int> InsertInviteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ResellerInvite invite, CancellationToken token, bool onConflictDoNothing = false, bool onAnyConflictDoNothing = false) =>
        ExecuteAsync(connection, transaction,
            $"INSERT INTO invites ({InviteColumns}, customer_name_folded) VALUES (@id, @kind, @customer_name, @customer_email, " +
            "@customer_tenant_id, @status, @created_at, @status_changed_at, @link, @subject, @body, @relationship_id, " +
            "@relationship_display_name, @template, @version, @origin, @customer_name_folded)" +
            (onAnyConflictDoNothing ? " ON CONFLICT DO NOTHING" : onConflictDoNothing ? " ON CONFLICT (id) DO NOTHING" : ""),
            token,
            InviteParameters(invite));

    private static Task<int> UpdateImportedInviteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ResellerInvite invite, CancellationToken token) =>
        ExecuteAsync(connection, transaction,
            "UPDATE invites SET kind = @kind, customer_name = @customer_name, customer_name_folded = @customer_name_folded, " +
            "customer_email = @customer_email, customer_tenant_id = @customer_tenant_id, status = @status, " +
            "created_at = @created_at, status_changed_at = @status_changed_at, link = @link, subject = @subject, body = @body, " +
            "relationship_id = @relationship_id, relationship_display_name = @relationship_display_name, template = @template, " +
            "version = @version, origin = @origin WHERE id = @id",
            token,
            InviteParameters(invite));

    private static (string Name, object? Value)[] InviteParameters(ResellerInvite invite) => new (string, object?)[]
    {
        ("id", invite.Id),
        ("kind", invite.Kind.ToString()),
        ("customer_name", invite.CustomerName ?? ""),
        ("customer_name_folded", (invite.CustomerName ?? "").ToLowerInvariant()),
        ("customer_email", invite.CustomerEmail ?? ""),
        ("customer_tenant_id", invite.CustomerTenantId),
        ("status", invite.Status.ToString()),
        ("created_at", SqliteTime.ToText(invite.CreatedAt)),
        ("status_changed_at", SqliteTime.ToText(invite.StatusChangedAt)),
        ("link", invite.Link ?? ""),
        ("subject", invite.Subject ?? ""),
        ("body", invite.Body ?? ""),
        ("relationship_id", invite.RelationshipId),
        ("relationship_display_name", invite.RelationshipDisplayName),
        ("template", invite.Template),
        ("version", invite.Version),
        ("origin", invite.Origin.ToString()),
    };

    private static async Task<List<ResellerInvite>> ReadPageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, InviteQuery query, ResellerInvite? after, CancellationToken token)
    {
        var sql = new StringBuilder($"SELECT {InviteColumns} FROM invites WHERE TRUE");
        var parameters = new List<(string Name, object? Value)>();

        if (query.Id is { } id)
        {
            sql.Append(" AND id = @id");
            parameters.Add(("id", id));
        }

        if (query.Statuses is { } statuses)
        {
            // An empty set of statuses matches nothing, as "status in {}" would.
            var names = new List<string>();
            foreach (var status in statuses)
            {
                names.Add(status.ToString());
            }

            sql.Append(" AND status = ANY(@statuses)");
            parameters.Add(("statuses", names.ToArray()));
        }

        if (query.Kind is { } kind)
        {
            sql.Append(" AND kind = @kind");
            parameters.Add(("kind", kind.ToString()));
        }

        if (query.CustomerNamePattern is { } pattern)
        {
            // Both sides folded in .NET, as in the SQLite store: the match ignores case for every letter, whatever the
            // server's locale.
            sql.Append($" AND customer_name_folded LIKE @name_pattern ESCAPE E'\\\\'");
            parameters.Add(("name_pattern", SqliteWildcard.ToLikePattern(pattern.ToLowerInvariant())));
        }

        if (query.CustomerEmail is { } email)
        {
            sql.Append(" AND lower(customer_email) = @customer_email");
            parameters.Add(("customer_email", email.Trim().ToLowerInvariant()));
        }

        if (query.CreatedBefore is { } createdBefore)
        {
            sql.Append(" AND created_at < @created_before");
            parameters.Add(("created_before", SqliteTime.ToText(createdBefore)));
        }

        if (query.StatusChangedBefore is { } statusChangedBefore)
        {
            sql.Append(" AND status_changed_at < @status_changed_before");
            parameters.Add(("status_changed_before", SqliteTime.ToText(statusChangedBefore)));
        }

        if (after is not null)
        {
            sql.Append(" AND (created_at, id) > (@after_created, @after_id)");
            parameters.Add(("after_created", SqliteTime.ToText(after.CreatedAt)));
            parameters.Add(("after_id", after.Id));
        }

        sql.Append(" ORDER BY created_at, id LIMIT ").Append(QueryPageSize.ToString(CultureInfo.InvariantCulture));

        await using var command = Command(connection, transaction, sql.ToString(), parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var page = new List<ResellerInvite>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            page.Add(ReadInviteRow(reader));
        }

        return page;
    }

    private static async Task<ResellerInvite?> ReadInviteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, bool forUpdate, CancellationToken token)
    {
        await using var command = Command(connection, transaction,
            $"SELECT {InviteColumns} FROM invites WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""), ("id", id));
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        return await reader.ReadAsync(token).ConfigureAwait(false) ? ReadInviteRow(reader) : null;
    }

    private static ResellerInvite ReadInviteRow(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
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

    private static async Task<List<InviteHistoryEntry>> ReadHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid inviteId, CancellationToken token)
    {
        await using var command = Command(connection, transaction,
            "SELECT sequence, invite_id, from_status, to_status, at, detail FROM invite_history WHERE invite_id = @id ORDER BY sequence",
            ("id", inviteId));
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var history = new List<InviteHistoryEntry>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            history.Add(new InviteHistoryEntry
            {
                Sequence = reader.GetInt64(0),
                InviteId = reader.GetGuid(1),
                FromStatus = reader.IsDBNull(2) ? null : ParseEnum<InviteStatus>(reader.GetString(2)),
                ToStatus = ParseEnum<InviteStatus>(reader.GetString(3)),
                At = SqliteTime.FromText(reader.GetString(4)),
                Detail = NullableString(reader, 5),
            });
        }

        return history;
    }

    private static Task<int> AppendHistoryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid inviteId, InviteStatus? from, InviteStatus to, DateTimeOffset at, string? detail, CancellationToken token) =>
        ExecuteAsync(connection, transaction,
            "INSERT INTO invite_history (invite_id, from_status, to_status, at, detail) VALUES (@invite_id, @from, @to, @at, @detail)",
            token,
            ("invite_id", inviteId),
            ("from", from?.ToString()),
            ("to", to.ToString()),
            ("at", SqliteTime.ToText(at)),
            ("detail", detail));

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken token, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken token)
    {
        await using var command = Command(connection, transaction, sql);
        var value = await command.ExecuteScalarAsync(token).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        }

        return command;
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

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static T ParseEnum<T>(string value) where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: false);

    private static PartnerRelationshipsException ConnectionStringInvalid() => new(
        ErrorIds.Store.StoreConnectionStringInvalid,
        ErrorKind.InvalidArgument,
        "The PostgreSQL connection string is empty or not valid. It looks like 'Host=db.example.com;Port=5432;" +
        "Database=partner;Username=pr_app;Password=...'; fix the value of the environment variable or vault secret the " +
        "configuration names (store.connectionStringVariable or store.secretVault/secretName).");

    private static PartnerRelationshipsException DisplayNameInUse(string? displayName, Exception inner) => new(
        ErrorIds.Workflow.RelationshipDisplayNameInUse,
        ErrorKind.ResourceExists,
        $"Another invite already uses the relationship display name '{displayName}'. Choose a different display name.",
        displayName,
        inner);
}
