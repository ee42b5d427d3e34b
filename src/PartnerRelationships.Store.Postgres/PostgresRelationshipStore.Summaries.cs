using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

public sealed partial class PostgresRelationshipStore : IInviteSummaryReader
{
    // Summaries are small: larger pages than full records, so fewer round trips over a large store.
    private const int SummaryPageSize = 1_000;

    public async IAsyncEnumerable<InviteSummary> ReadInviteSummariesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        InviteSummary? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var after = last;
            var page = await RunAsync((connection, transaction, token) => ReadSummaryPageAsync(connection, transaction, after, token), cancellationToken)
                .ConfigureAwait(false);

            foreach (var summary in page)
            {
                yield return summary;
            }

            if (page.Count < SummaryPageSize)
            {
                yield break;
            }

            last = page[page.Count - 1];
        }
    }

    private static async Task<List<InviteSummary>> ReadSummaryPageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InviteSummary? after, CancellationToken token)
    {
        const string columns = "id, kind, customer_name, customer_tenant_id, status, created_at, status_changed_at, relationship_id, relationship_display_name";
        var limit = " ORDER BY created_at, id LIMIT " + SummaryPageSize.ToString(CultureInfo.InvariantCulture);
        await using var command = after is null
            ? Command(connection, transaction, $"SELECT {columns} FROM invites" + limit)
            : Command(connection, transaction, $"SELECT {columns} FROM invites WHERE (created_at, id) > (@after_created, @after_id)" + limit,
                ("after_created", SqliteTime.ToText(after.CreatedAt)), ("after_id", after.Id));
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var page = new List<InviteSummary>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            page.Add(new InviteSummary
            {
                Id = reader.GetGuid(0),
                Kind = ParseEnum<InviteKind>(reader.GetString(1)),
                CustomerName = reader.GetString(2),
                CustomerTenantId = NullableString(reader, 3),
                Status = ParseEnum<InviteStatus>(reader.GetString(4)),
                CreatedAt = SqliteTime.FromText(reader.GetString(5)),
                StatusChangedAt = SqliteTime.FromText(reader.GetString(6)),
                RelationshipId = NullableString(reader, 7),
                RelationshipDisplayName = NullableString(reader, 8),
            });
        }

        return page;
    }
}
