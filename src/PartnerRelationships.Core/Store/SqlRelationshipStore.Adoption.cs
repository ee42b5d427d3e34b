using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

public abstract partial class SqlRelationshipStore
{
    public Task<IReadOnlyList<bool>> AdoptAsync(IReadOnlyList<AdoptedRecord> records, CancellationToken cancellationToken = default)
    {
        if (records is null)
        {
            throw new ArgumentNullException(nameof(records));
        }

        if (records.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<bool>>(Array.Empty<bool>());
        }

        // SQLite's BEGIN IMMEDIATE holds the write lock from the look-up to the commit: another writer can't slip in
        // between. In PostgreSQL two workers adopting the same record at once compute the same id: the second insert
        // waits on the first one's key and then does nothing, so the record and its history are written once.
        return RunAsync<IReadOnlyList<bool>>(write: true, async (connection, transaction, token) =>
        {
            var results = new bool[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                token.ThrowIfCancellationRequested();
                var record = records[i] ?? throw new ArgumentException("The batch holds a null record.", nameof(records));
                var invite = record.Invite;
                if (await KnowsAsync(connection, transaction, invite, token).ConfigureAwait(false) ||
                    !await TryInsertAdoptedAsync(connection, transaction, invite, token).ConfigureAwait(false))
                {
                    continue;
                }

                foreach (var entry in record.History)
                {
                    await AppendHistoryAsync(connection, transaction, invite.Id, entry.FromStatus, entry.ToStatus, entry.At.ToUniversalTime(), entry.Detail, token)
                        .ConfigureAwait(false);
                }

                results[i] = true;
            }

            return results;
        }, cancellationToken);
    }

    /// <summary>False when a key is taken after all (a display name taken by an invite of another relationship): the store's record stands.</summary>
    private async Task<bool> TryInsertAdoptedAsync(DbConnection connection, DbTransaction? transaction, ResellerInvite invite, CancellationToken token)
    {
        try
        {
            return await _dialect.ExecuteAsync(connection, transaction, InviteRows.InsertSql(_dialect, _dialect.SkipAnyTakenKeyClause), token,
                InviteRows.Parameters(_dialect, invite)).ConfigureAwait(false) == 1;
        }
        catch (DbException e) when (_dialect.IsKeyTaken(e))
        {
            return false;
        }
    }

    private async Task<bool> KnowsAsync(DbConnection connection, DbTransaction? transaction, ResellerInvite invite, CancellationToken token)
    {
        var sql = "SELECT 1 FROM invites WHERE id = @id";
        var parameters = new List<(string, object?)> { ("id", _dialect.IdValue(invite.Id)) };
        if (invite.RelationshipId is not null)
        {
            sql += " UNION ALL SELECT 1 FROM invites WHERE relationship_id = @relationship_id";
            parameters.Add(("relationship_id", invite.RelationshipId));
        }

        if (invite.RelationshipDisplayName is not null)
        {
            sql += " UNION ALL SELECT 1 FROM invites WHERE relationship_display_name = @relationship_display_name";
            parameters.Add(("relationship_display_name", invite.RelationshipDisplayName));
        }

        if (invite.Kind == InviteKind.Reseller && invite.CustomerTenantId is not null)
        {
            sql += " UNION ALL SELECT 1 FROM invites WHERE customer_tenant_id = @tenant AND kind = 'Reseller' AND status IN ('Pending', 'Accepted', 'AdminRemoved')";
            parameters.Add(("tenant", invite.CustomerTenantId));
        }

        return await _dialect.ScalarAsync(connection, transaction, sql + " LIMIT 1", token, parameters.ToArray()).ConfigureAwait(false) is not null;
    }
}
