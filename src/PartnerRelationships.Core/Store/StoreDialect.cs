using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// What the SQLite and PostgreSQL stores spell differently; <see cref="SqlRelationshipStore"/> writes everything else
/// once. Both keep instants as <see cref="StoreTime"/> text, so time needs no hook; ids, parameters, case folding and how a writer avoids or skips a taken key do.
/// </summary>
internal abstract class StoreDialect
{
    /// <summary>How an invite id is bound: SQLite keeps text, PostgreSQL a uuid.</summary>
    public abstract object IdValue(Guid id);

    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    /// <summary>Adds a named parameter (named in SQL as <c>@name</c>); a null value binds SQL NULL.</summary>
    public abstract void AddParameter(DbCommand command, string name, object? value);

    /// <summary>The parameter <see cref="AddParameter"/> added under <paramref name="name"/>.</summary>
    public abstract DbParameter Parameter(DbCommand command, string name);

    /// <summary>The customer name folded to lower case (by .NET's invariant rules, as the pattern is), for LIKE.</summary>
    public abstract string FoldedCustomerName { get; }

    /// <summary>The customer e-mail folded to lower case, compared with a value folded in .NET.</summary>
    public abstract string FoldedCustomerEmail { get; }

    /// <summary>The ESCAPE clause for <see cref="StoreWildcard"/> patterns, in the dialect's string-literal syntax.</summary>
    public abstract string LikeEscapeClause { get; }

    /// <summary>Whether invites carry customer_name_folded, written with every row (PostgreSQL, which has no .NET fold function).</summary>
    public abstract bool StoresFoldedCustomerName { get; }

    /// <summary>Appended to SELECT to lock the row until the commit; empty when writers are serialized already.</summary>
    public abstract string RowLockClause { get; }

    /// <summary>
    /// Appended to an INSERT so a row whose id is taken is skipped (a concurrent writer waits on the key, then skips);
    /// null when writers are serialized already (SQLite's BEGIN IMMEDIATE) and nothing needs claiming.
    /// </summary>
    public abstract string? SkipTakenIdClause { get; }

    /// <summary>
    /// Appended to an INSERT so a row whose id or display name is taken is skipped; empty where the dialect reports the
    /// conflict as an error instead (<see cref="IsKeyTaken"/>).
    /// </summary>
    public abstract string SkipAnyTakenKeyClause { get; }

    /// <summary>The insert failed because the invite id is taken.</summary>
    public abstract bool IsIdTaken(Exception e);

    /// <summary>The insert or update failed because another invite has the relationship display name.</summary>
    public abstract bool IsDisplayNameTaken(Exception e);

    /// <summary>The insert failed on any unique key (id or display name).</summary>
    public bool IsKeyTaken(Exception e) => IsIdTaken(e) || IsDisplayNameTaken(e);

    /// <summary>Records a compliance run's finding keys, each once, in the dialect's quickest way for thousands of keys.</summary>
    public abstract Task InsertFindingKeysAsync(
        DbConnection connection, DbTransaction? transaction, long runId, IReadOnlyCollection<string> keys, CancellationToken token);

    /// <summary>Closes a reader; PostgreSQL's closes asynchronously so no thread blocks on the network.</summary>
    public virtual ValueTask CloseAsync(DbDataReader reader)
    {
        reader.Dispose();
        return default;
    }

    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    /// <summary>New values for a command's parameters (added by <see cref="Command"/>), keeping it prepared.</summary>
    public void Bind(DbCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            Parameter(command, name).Value = value ?? DBNull.Value;
        }
    }

    public async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken token, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, or null when there is no row or it holds NULL.</summary>
    public async Task<object?> ScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken token, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(token).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs the command and reads every row it returns.</summary>
    public async Task<List<T>> ReadRowsAsync<T>(DbCommand command, Func<DbDataReader, T> readRow, CancellationToken token)
    {
        var rows = new List<T>();
        var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        try
        {
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                rows.Add(readRow(reader));
            }
        }
        finally
        {
            await CloseAsync(reader).ConfigureAwait(false);
        }

        return rows;
    }

    public async Task<List<T>> ReadRowsAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> readRow, CancellationToken token,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await ReadRowsAsync(command, readRow, token).ConfigureAwait(false);
    }
}
