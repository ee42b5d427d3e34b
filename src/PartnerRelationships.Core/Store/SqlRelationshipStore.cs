using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// A store in a SQL database: the operations the SQLite and PostgreSQL stores share, written once over ADO.NET. Each
/// store supplies its <see cref="StoreDialect"/> and how it runs an operation (connection, transaction, lock waits,
/// retries, error mapping), and keeps only what is its own: opening, migrations and that run loop.
/// </summary>
public abstract partial class SqlRelationshipStore :
    IRelationshipStore, IInviteDraftStore, IRelationshipStoreImport, IRelationshipAdoptionStore, IComplianceRunStore, IInviteNotes, IStoreWaitNotices, IInviteSummaryReader
{
    private const string ChangeStatusSql =
        "UPDATE invites SET status = @new, status_changed_at = @at, version = version + 1, " +
        "customer_tenant_id = COALESCE(@tid, customer_tenant_id) WHERE id = @id AND status = @expected RETURNING " + InviteRows.Columns;

    private const string AppendHistorySql =
        "INSERT INTO invite_history (invite_id, from_status, to_status, at, detail) VALUES (@invite_id, @from, @to, @at, @detail)";

    private readonly StoreDialect _dialect;
    private readonly Func<DateTimeOffset> _now;

    private protected SqlRelationshipStore(StoreDialect dialect, Func<DateTimeOffset> now)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        _now = now ?? throw new ArgumentNullException(nameof(now));
    }

    /// <summary>How long an operation waits for another process's (or session's) lock before it gives up with StoreBusy.</summary>
    public TimeSpan BusyBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Told (from the waiting thread) once per operation that has to wait for another process's lock.</summary>
    public Action<string>? Waiting { get; set; }

    public abstract void Dispose();

    /// <summary>
    /// Runs one operation: the store's own connection handling, transaction, waiting on locks, retries and error mapping.
    /// </summary>
    /// <param name="write">The work changes the store (SQLite takes the write lock up front; PostgreSQL runs every operation in a transaction).</param>
    private protected abstract Task<T> RunAsync<T>(bool write, StoreWork<T> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="open"/> on a new store and returns it, or disposes it when opening fails.</summary>
    private protected static TStore OpenOrDispose<TStore>(TStore store, Action<TStore> open) where TStore : SqlRelationshipStore
    {
        try
        {
            open(store);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Tells <see cref="Waiting"/> that this operation waits for a lock; a notice never breaks the operation.</summary>
    private protected void ReportWaiting(string notice)
    {
        try
        {
            Waiting?.Invoke(notice);
        }
        catch
        {
            // A notice must never break the operation.
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

        return RunAsync(write: true, async (connection, transaction, token) =>
        {
            try
            {
                await _dialect.ExecuteAsync(connection, transaction, InviteRows.InsertSql(_dialect), token, InviteRows.Parameters(_dialect, stored))
                    .ConfigureAwait(false);
            }
            catch (DbException e) when (_dialect.IsIdTaken(e))
            {
                throw StoreErrors.InviteAlreadyExists(stored.Id, e);
            }
            catch (DbException e) when (_dialect.IsDisplayNameTaken(e))
            {
                throw StoreErrors.DisplayNameInUse(stored.RelationshipDisplayName, e);
            }

            await AppendHistoryAsync(connection, transaction, stored.Id, null, InviteStatus.Pending, stored.CreatedAt, "invite recorded", token)
                .ConfigureAwait(false);
            return stored;
        }, cancellationToken);
    }

    public Task<ResellerInvite?> GetInviteAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunAsync(write: false, (connection, transaction, token) => ReadInviteAsync(connection, transaction, id, token), cancellationToken);

    /// <summary>
    /// Streams matching invites oldest first, a page (keyed on created_at, id) per operation, so the connection is
    /// free between pages and a caller may write to the store while it enumerates.
    /// </summary>
    public async IAsyncEnumerable<ResellerInvite> QueryInvitesAsync(InviteQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (query is null)
        {
            throw new ArgumentNullException(nameof(query));
        }

        ResellerInvite? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (sql, parameters) = InvitePageSql.Build(_dialect, query, last);
            var page = await RunAsync(write: false, (connection, transaction, token) =>
                    _dialect.ReadRowsAsync(connection, transaction, sql, ReadInviteRow, token, parameters), cancellationToken)
                .ConfigureAwait(false);

            foreach (var invite in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return invite;
            }

            if (page.Count < InvitePageSql.PageSize)
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

        return RunAsync<IReadOnlyList<ResellerInvite?>>(write: true, (connection, transaction, token) =>
            ApplyChangesAsync(connection, transaction, changes, token), cancellationToken);
    }

    /// <summary>
    /// Each compare-and-set with its history entry, in the caller's transaction. The update returns the changed row,
    /// so nothing is read twice; the two statements are prepared once per batch and re-bound per change. In
    /// PostgreSQL a concurrent writer waits for the row lock, then re-checks the WHERE on the new row and finds the
    /// status changed: exactly one of them applies the transition.
    /// </summary>
    private async Task<IReadOnlyList<ResellerInvite?>> ApplyChangesAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<StatusChange> changes, CancellationToken token)
    {
        using var update = new ReboundCommand(_dialect, connection, transaction, ChangeStatusSql);
        using var history = new ReboundCommand(_dialect, connection, transaction, AppendHistorySql);
        var results = new ResellerInvite?[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            token.ThrowIfCancellationRequested();
            var change = changes[i];
            var at = StoreTime.ToText(change.At.ToUniversalTime());
            var command = update.With(("new", change.NewStatus.ToString()), ("at", at), ("tid", change.CustomerTenantId),
                ("id", _dialect.IdValue(change.InviteId)), ("expected", change.ExpectedStatus.ToString()));
            var rows = await _dialect.ReadRowsAsync(command, ReadInviteRow, token).ConfigureAwait(false);
            results[i] = rows.Count == 0 ? null : rows[0];

            if (results[i] is not null)
            {
                await history.With(("invite_id", _dialect.IdValue(change.InviteId)), ("from", change.ExpectedStatus.ToString()),
                        ("to", change.NewStatus.ToString()), ("at", at), ("detail", change.Detail))
                    .ExecuteNonQueryAsync(token).ConfigureAwait(false);
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

        return RunAsync(write: true, async (connection, transaction, token) =>
        {
            int changed;
            try
            {
                changed = await _dialect.ExecuteAsync(connection, transaction,
                    "UPDATE invites SET relationship_id = @rid, relationship_display_name = @name, version = version + 1 WHERE id = @id",
                    token,
                    ("rid", relationshipId),
                    ("name", displayName),
                    ("id", _dialect.IdValue(inviteId))).ConfigureAwait(false);
            }
            catch (DbException e) when (_dialect.IsDisplayNameTaken(e))
            {
                throw StoreErrors.DisplayNameInUse(displayName, e);
            }

            return changed == 1 ? await ReadInviteAsync(connection, transaction, inviteId, token).ConfigureAwait(false) : null;
        }, cancellationToken);
    }

    public Task<ResellerInvite?> SetDraftAsync(Guid inviteId, string link, string subject, string body, CancellationToken cancellationToken = default) =>
        RunAsync(write: true, async (connection, transaction, token) =>
        {
            var changed = await _dialect.ExecuteAsync(connection, transaction,
                "UPDATE invites SET link = @link, subject = @subject, body = @body, version = version + 1 WHERE id = @id AND status = @pending",
                token,
                ("link", link ?? ""),
                ("subject", subject ?? ""),
                ("body", body ?? ""),
                ("id", _dialect.IdValue(inviteId)),
                ("pending", InviteStatus.Pending.ToString())).ConfigureAwait(false);
            return changed == 1 ? await ReadInviteAsync(connection, transaction, inviteId, token).ConfigureAwait(false) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<InviteHistoryEntry>> GetHistoryAsync(Guid inviteId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<InviteHistoryEntry>>(write: false,
            async (connection, transaction, token) => await ReadHistoryAsync(connection, transaction, inviteId, token).ConfigureAwait(false),
            cancellationToken);

    public Task<bool> AddNoteAsync(Guid inviteId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(detail)) throw new ArgumentException("The note must not be empty.", nameof(detail));

        // One statement: the status is read and written together, so a concurrent status change can't split them.
        return RunAsync(write: true, async (connection, transaction, token) => await _dialect.ExecuteAsync(connection, transaction,
            "INSERT INTO invite_history (invite_id, from_status, to_status, at, detail) " +
            "SELECT id, status, status, @at, @detail FROM invites WHERE id = @id",
            token,
            ("at", StoreTime.ToText(at.ToUniversalTime())),
            ("detail", detail),
            ("id", _dialect.IdValue(inviteId))).ConfigureAwait(false) == 1, cancellationToken);
    }

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

        return RunAsync(write: true, async (connection, transaction, token) =>
        {
            ImportPlan plan;
            try
            {
                plan = await WriteImportedInviteAsync(connection, transaction, invite, history, token).ConfigureAwait(false);
            }
            catch (DbException e) when (_dialect.IsDisplayNameTaken(e))
            {
                throw StoreErrors.DisplayNameInUse(invite.RelationshipDisplayName, e);
            }

            foreach (var entry in plan.Append)
            {
                await AppendHistoryAsync(connection, transaction, invite.Id, entry.FromStatus, entry.ToStatus, entry.At.ToUniversalTime(), entry.Detail, token)
                    .ConfigureAwait(false);
            }

            return plan.Outcome;
        }, cancellationToken);
    }

    /// <summary>
    /// Decides and writes the imported invite so the plan cannot go stale before the commit: SQLite holds the write
    /// lock from the read on (BEGIN IMMEDIATE); PostgreSQL inserts first when the id is new (a concurrent import of the
    /// same id waits on the key, then sees it) and otherwise locks the stored row.
    /// </summary>
    private async Task<ImportPlan> WriteImportedInviteAsync(
        DbConnection connection, DbTransaction? transaction, ResellerInvite invite, IReadOnlyList<InviteHistoryEntry> history, CancellationToken token)
    {
        if (_dialect.SkipTakenIdClause is { } skipTakenId &&
            await _dialect.ExecuteAsync(connection, transaction, InviteRows.InsertSql(_dialect, skipTakenId), token, InviteRows.Parameters(_dialect, invite))
                .ConfigureAwait(false) == 1)
        {
            return ImportPlan.Decide(null, Array.Empty<InviteHistoryEntry>(), invite, history);
        }

        var existing = await ReadInviteAsync(connection, transaction, invite.Id, token, _dialect.RowLockClause).ConfigureAwait(false);
        var plan = ImportPlan.Decide(
            existing,
            existing is null ? Array.Empty<InviteHistoryEntry>() : await ReadHistoryAsync(connection, transaction, invite.Id, token).ConfigureAwait(false),
            invite,
            history);
        if (plan.WriteInvite)
        {
            await _dialect.ExecuteAsync(connection, transaction,
                existing is null ? InviteRows.InsertSql(_dialect) : InviteRows.UpdateSql(_dialect),
                token,
                InviteRows.Parameters(_dialect, invite)).ConfigureAwait(false);
        }

        return plan;
    }

    private async Task<ResellerInvite?> ReadInviteAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken token, string lockClause = "")
    {
        var rows = await _dialect.ReadRowsAsync(connection, transaction, $"SELECT {InviteRows.Columns} FROM invites WHERE id = @id{lockClause}",
            ReadInviteRow, token, ("id", _dialect.IdValue(id))).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private Task<List<InviteHistoryEntry>> ReadHistoryAsync(DbConnection connection, DbTransaction? transaction, Guid inviteId, CancellationToken token) =>
        _dialect.ReadRowsAsync(connection, transaction,
            $"SELECT {InviteRows.HistoryColumns} FROM invite_history WHERE invite_id = @id ORDER BY sequence",
            reader => InviteRows.ReadHistory(_dialect, reader), token, ("id", _dialect.IdValue(inviteId)));

    private async Task AppendHistoryAsync(
        DbConnection connection, DbTransaction? transaction, Guid inviteId, InviteStatus? from, InviteStatus to, DateTimeOffset at, string? detail, CancellationToken token) =>
        await _dialect.ExecuteAsync(connection, transaction, AppendHistorySql, token,
            ("invite_id", _dialect.IdValue(inviteId)),
            ("from", from?.ToString()),
            ("to", to.ToString()),
            ("at", StoreTime.ToText(at)),
            ("detail", detail)).ConfigureAwait(false);

    private ResellerInvite ReadInviteRow(DbDataReader reader) => InviteRows.Read(_dialect, reader);
}
