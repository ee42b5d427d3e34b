using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

public sealed partial class PostgresRelationshipStore : IRelationshipAdoptionStore
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

        return RunAsync<IReadOnlyList<bool>>(async (connection, transaction, token) =>
        {
            var results = new bool[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i] ?? throw new ArgumentException("The batch holds a null record.", nameof(records));
                var invite = record.Invite;
                if (await KnowsAsync(connection, transaction, invite, token).ConfigureAwait(false))
                {
                    continue;
                }

                // Two workers adopting the same record at once compute the same id: the second insert waits on the
                // first one's key and then does nothing, so the record and its history are written once.
                if (await InsertInviteAsync(connection, transaction, invite, token, onAnyConflictDoNothing: true).ConfigureAwait(false) != 1)
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

    private static async Task<bool> KnowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ResellerInvite invite, CancellationToken token)
    {
        var sql = "SELECT 1 FROM invites WHERE id = @id";
        var parameters = new List<(string, object?)> { ("id", invite.Id) };
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

        await using var command = Command(connection, transaction, sql + " LIMIT 1", parameters.ToArray());
        return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is not null;
    }
}
