using System;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

public sealed partial class PostgresRelationshipStore : IInviteNotes
{
    public Task<bool> AddNoteAsync(Guid inviteId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(detail)) throw new ArgumentException("The note must not be empty.", nameof(detail));

        // One statement: the status is read and written together, so a concurrent status change can't split them.
        return RunAsync(async (connection, transaction, token) => await ExecuteAsync(connection, transaction,
            "INSERT INTO invite_history (invite_id, from_status, to_status, at, detail) " +
            "SELECT id, status, status, @at, @detail FROM invites WHERE id = @id",
            token,
            ("at", SqliteTime.ToText(at.ToUniversalTime())),
            ("detail", detail),
            ("id", inviteId)).ConfigureAwait(false) == 1, cancellationToken);
    }
}
