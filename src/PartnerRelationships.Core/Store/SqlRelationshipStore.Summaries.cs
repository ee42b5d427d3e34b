using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

public abstract partial class SqlRelationshipStore : IInviteSummaryReader
{
    // Summaries are small: larger pages than full records, so fewer statements over a large store.
    private const int SummaryPageSize = 1_000;

    private const string SummaryColumns =
        "id, kind, customer_name, customer_tenant_id, status, created_at, status_changed_at, relationship_id, relationship_display_name";

    public async IAsyncEnumerable<InviteSummary> ReadInviteSummariesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var limit = " ORDER BY created_at, id LIMIT " + SummaryPageSize.ToString(CultureInfo.InvariantCulture);
        InviteSummary? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var after = last;
            var page = await RunAsync(write: false, (connection, transaction, token) => after is null
                    ? _dialect.ReadRowsAsync(connection, transaction, $"SELECT {SummaryColumns} FROM invites" + limit, ReadSummary, token)
                    : _dialect.ReadRowsAsync(connection, transaction,
                        $"SELECT {SummaryColumns} FROM invites WHERE {InvitePageSql.AfterKeyCondition}" + limit, ReadSummary, token,
                        ("after_created", StoreTime.ToText(after.CreatedAt)), ("after_id", _dialect.IdValue(after.Id))),
                    cancellationToken)
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

    private InviteSummary ReadSummary(DbDataReader reader) => new()
    {
        Id = _dialect.ReadId(reader, 0),
        Kind = (InviteKind)Enum.Parse(typeof(InviteKind), reader.GetString(1), ignoreCase: false),
        CustomerName = reader.GetString(2),
        CustomerTenantId = reader.IsDBNull(3) ? null : reader.GetString(3),
        Status = (InviteStatus)Enum.Parse(typeof(InviteStatus), reader.GetString(4), ignoreCase: false),
        CreatedAt = StoreTime.FromText(reader.GetString(5)),
        StatusChangedAt = StoreTime.FromText(reader.GetString(6)),
        RelationshipId = reader.IsDBNull(7) ? null : reader.GetString(7),
        RelationshipDisplayName = reader.IsDBNull(8) ? null : reader.GetString(8),
    };
}
