using System;
using System.Data.Common;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// One statement run once per item of a batch: created (and prepared by the provider) with the first item's values,
/// then only re-bound. Created on first use rather than with placeholder NULLs, so PostgreSQL infers each
/// parameter's type from a real value.
/// </summary>
internal sealed class ReboundCommand : IDisposable
{
    private readonly StoreDialect _dialect;
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly string _sql;
    private DbCommand? _command;

    public ReboundCommand(StoreDialect dialect, DbConnection connection, DbTransaction? transaction, string sql)
    {
        _dialect = dialect;
        _connection = connection;
        _transaction = transaction;
        _sql = sql;
    }

    public DbCommand With(params (string Name, object? Value)[] values)
    {
        if (_command is null)
        {
            _command = _dialect.Command(_connection, _transaction, _sql, values);
        }
        else
        {
            _dialect.Bind(_command, values);
        }

        return _command;
    }

    public void Dispose() => _command?.Dispose();
}
