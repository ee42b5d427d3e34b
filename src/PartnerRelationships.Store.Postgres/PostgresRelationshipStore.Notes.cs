using System;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

public sealed partial class PostgresRelationshipStore : IInviteNotes
{
    public Task<bool> AddNoteAsync(Guid inviteId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default) =>
        _core.AddNoteAsync(inviteId, at, detail, cancellationToken);
}
