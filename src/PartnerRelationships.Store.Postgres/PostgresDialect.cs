using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

/// <summary>The PostgreSQL spelling of the shared store core (see <see cref="StoreDialect"/>).</summary>
internal sealed class PostgresDialect : StoreDialect
{
    public static PostgresDialect Instance { get; } = new();

    private PostgresDialect()
    {
    }

    public override object IdValue(Guid id) => id;

    public override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    /// <summary>A null is typed text (every nullable column is), so the server need not guess.</summary>
    public override void AddParameter(DbCommand command, string name, object? value) =>
        ((NpgsqlCommand)command).Parameters.Add(value is null
            ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value }
            : new NpgsqlParameter(name, value));

    public override DbParameter Parameter(DbCommand command, string name) => command.Parameters[name];

    /// <summary>Written by the store with every row (folded in .NET), so the match does not depend on the server's locale.</summary>
    public override string FoldedCustomerName => "customer_name_folded";

    public override string FoldedCustomerEmail => "lower(customer_email)";

    public override string LikeEscapeClause => "ESCAPE E'\\\\'";

    public override bool StoresFoldedCustomerName => true;

    public override string RowLockClause => " FOR UPDATE";

    public override string? SkipTakenIdClause => " ON CONFLICT (id) DO NOTHING";

    public override string SkipAnyTakenKeyClause => " ON CONFLICT DO NOTHING";

    public override bool IsIdTaken(Exception e) =>
        e is PostgresException p && PostgresErrors.IsUniqueViolation(p, PostgresErrors.PrimaryKeyConstraint);

    public override bool IsDisplayNameTaken(Exception e) =>
        e is PostgresException p && PostgresErrors.IsUniqueViolation(p, PostgresErrors.DisplayNameConstraint);

    /// <summary>One statement for thousands of keys: a nightly run over many customers stays one quick commit.</summary>
    public override async Task InsertFindingKeysAsync(
        DbConnection connection, DbTransaction? transaction, long runId, IReadOnlyCollection<string> keys, CancellationToken token)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length > 0)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO compliance_run_findings (run_id, finding_key) SELECT @run, unnest(@keys) ON CONFLICT DO NOTHING",
                token, ("run", runId), ("keys", distinct)).ConfigureAwait(false);
        }
    }

    public override ValueTask CloseAsync(DbDataReader reader) => reader.DisposeAsync();
}
