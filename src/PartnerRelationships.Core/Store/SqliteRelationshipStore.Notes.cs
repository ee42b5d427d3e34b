using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

public sealed partial class SqliteRelationshipStore : IInviteNotes
{
    public Task<bool> AddNoteAsync(Guid inviteId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(detail)) throw new ArgumentException("The note must not be empty.", nameof(detail));

        // One statement: the status is read and written together, so a concurrent status change can't split them.
        return RunAsync(write: true, (connection, transaction) => Execute(connection, transaction,
            "INSERT INTO invite_history (invite_id, from_status, to_status, at, detail) " +
            "SELECT id, status, status, @at, @detail FROM invites WHERE id = @id",
            ("@at", SqliteTime.ToText(at.ToUniversalTime())),
            ("@detail", detail),
            ("@id", IdText(inviteId))) == 1, cancellationToken);
    }
}
