using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Optional store capability: replace the draft of an invite recorded before its link was known. A granular invite is
/// recorded before its relationship is created (so a crash can be reconciled), and its approval link exists only
/// afterwards. Kept apart from <see cref="IRelationshipStore"/> so other stores still compile without it.
/// </summary>
public interface IInviteDraftStore
{
    /// <summary>Sets link, subject and body of a still-Pending invite; returns the updated invite, or null when it is gone or no longer Pending.</summary>
    Task<Invites.ResellerInvite?> SetDraftAsync(Guid inviteId, string link, string subject, string body, CancellationToken cancellationToken = default);
}
