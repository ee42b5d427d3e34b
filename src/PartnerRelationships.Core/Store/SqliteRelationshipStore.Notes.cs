using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

public sealed partial class SqliteRelationshipStore : IInviteNotes
{
    public Task<bool> AddNoteAsync(Guid inviteId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default) =>
        _core.AddNoteAsync(inviteId, at, detail, cancellationToken);
}
