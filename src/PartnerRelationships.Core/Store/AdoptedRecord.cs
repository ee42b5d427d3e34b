using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// A relationship found at the service, as the store records it: an invite with <see cref="InviteOrigin.Adopted"/>
/// and its history at the service's own times.
/// </summary>
public sealed record AdoptedRecord
{
    public AdoptedRecord(ResellerInvite invite, IReadOnlyList<InviteHistoryEntry> history)
    {
        Invite = invite ?? throw new ArgumentNullException(nameof(invite));
        History = history ?? throw new ArgumentNullException(nameof(history));
        if (invite.Origin != InviteOrigin.Adopted)
        {
            throw new ArgumentException("An adopted record has the origin Adopted.", nameof(invite));
        }

        if (history.Count == 0)
        {
            throw new ArgumentException("An adopted record has at least one history entry.", nameof(history));
        }
    }

    public ResellerInvite Invite { get; }

    /// <summary>Oldest first; the last entry's status is the invite's.</summary>
    public IReadOnlyList<InviteHistoryEntry> History { get; }
}
