using System;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>One line of the append-only history: a status change of one invite, and when it happened.</summary>
public sealed record InviteHistoryEntry
{
    public long Sequence { get; init; }
    public Guid InviteId { get; init; }

    /// <summary>Null for the entry that records the invite's creation.</summary>
    public InviteStatus? FromStatus { get; init; }
    public InviteStatus ToStatus { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>Why: e.g. "customer appeared in /v1/customers", "relationship status active".</summary>
    public string? Detail { get; init; }
}
