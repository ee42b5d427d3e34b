using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

public sealed partial class SqliteRelationshipStore : IRelationshipAdoptionStore
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

        // BEGIN IMMEDIATE holds the write lock from the look-up to the commit: another writer can't slip in between.
        return RunAsync<IReadOnlyList<bool>>(write: true, (connection, transaction) =>
        {
            var results = new bool[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = records[i] ?? throw new ArgumentException("The batch holds a null record.", nameof(records));
                var invite = record.Invite;
                if (Knows(connection, transaction, invite))
                {
                    continue;
                }

                try
                {
                    WriteImportedInvite(connection, transaction, invite, replace: false);
                }
                catch (SqliteException e) when (SqliteErrorCodes.IsUniqueViolation(e) || SqliteErrorCodes.IsPrimaryKeyViolation(e))
                {
                    // Known after all (a display name taken by an invite of another relationship): the store's record stands.
                    continue;
                }

                foreach (var entry in record.History)
                {
                    AppendHistory(connection, transaction, invite.Id, entry.FromStatus, entry.ToStatus, entry.At.ToUniversalTime(), entry.Detail);
                }

                results[i] = true;
            }

            return results;
        }, cancellationToken);
    }

    private static bool Knows(SqliteConnection connection, SqliteTransaction? transaction, ResellerInvite invite)
    {
        var sql = "SELECT 1 FROM invites WHERE id = @id";
        if (invite.RelationshipId is not null)
        {
            sql += " UNION ALL SELECT 1 FROM invites WHERE relationship_id = @relationship_id";
        }

        if (invite.RelationshipDisplayName is not null)
        {
            sql += " UNION ALL SELECT 1 FROM invites WHERE relationship_display_name = @relationship_display_name";
        }

        if (invite.Kind == InviteKind.Reseller && invite.CustomerTenantId is not null)
        {
            sql += " UNION ALL SELECT 1 FROM invites WHERE customer_tenant_id = @tenant AND kind = 'Reseller' AND status IN ('Pending', 'Accepted', 'AdminRemoved')";
        }

        using var command = Command(connection, transaction, sql + " LIMIT 1",
            ("@id", IdText(invite.Id)),
            ("@relationship_id", invite.RelationshipId),
            ("@relationship_display_name", invite.RelationshipDisplayName),
            ("@tenant", invite.CustomerTenantId));
        return command.ExecuteScalar() is not null;
    }
}
