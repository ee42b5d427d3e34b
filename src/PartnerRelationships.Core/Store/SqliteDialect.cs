using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace PartnerRelationships.Core.Store;

/// <summary>The SQLite spelling of the shared store core (see <see cref="StoreDialect"/>).</summary>
internal sealed class SqliteDialect : StoreDialect
{
    /// <summary>A .NET lower-casing function the store registers on its connection: LIKE and lower() fold ASCII only.</summary>
    public const string FoldFunction = "pr_fold";

    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    public override object IdValue(Guid id) => id.ToString("D");

    public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override void AddParameter(DbCommand command, string name, object? value) =>
        ((SqliteCommand)command).Parameters.AddWithValue("@" + name, value ?? DBNull.Value);

    public override DbParameter Parameter(DbCommand command, string name) => command.Parameters["@" + name];

    public override string FoldedCustomerName => $"{FoldFunction}(customer_name)";

    public override string FoldedCustomerEmail => $"{FoldFunction}(customer_email)";

    public override string LikeEscapeClause => $"ESCAPE '{StoreWildcard.Escape}'";

    public override bool StoresFoldedCustomerName => false;

    // Every write holds the file's write lock from BEGIN IMMEDIATE to the commit: nothing to lock or claim.
    public override string RowLockClause => "";

    public override string? SkipTakenIdClause => null;

    public override string SkipAnyTakenKeyClause => "";

    public override bool IsIdTaken(Exception e) => e is SqliteException s && SqliteErrorCodes.IsPrimaryKeyViolation(s);

    public override bool IsDisplayNameTaken(Exception e) => e is SqliteException s && SqliteErrorCodes.IsUniqueViolation(s);

    /// <summary>One prepared statement for thousands of keys: a nightly run over many customers stays one quick commit.</summary>
    public override async Task InsertFindingKeysAsync(
        DbConnection connection, DbTransaction? transaction, long runId, IReadOnlyCollection<string> keys, CancellationToken token)
    {
        using var insert = Command(connection, transaction,
            "INSERT OR IGNORE INTO compliance_run_findings (run_id, finding_key) VALUES (@run, @key)", ("run", runId), ("key", ""));
        insert.Prepare();
        foreach (var key in keys)
        {
            Parameter(insert, "key").Value = key;
            await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }
    }
}
