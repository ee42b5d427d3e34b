using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// An optional store capability: a note in an invite's history that is not a status change (e.g. the state of each
/// access assignment a template created on acceptance). It is an ordinary history entry whose from and to status are
/// both the invite's current status, so <see cref="IRelationshipStore.GetHistoryAsync"/> and store copies carry it unchanged.
/// </summary>
public interface IInviteNotes
{
    /// <summary>Appends the note; false when the invite does not exist.</summary>
    Task<bool> AddNoteAsync(Guid inviteId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default);
}
