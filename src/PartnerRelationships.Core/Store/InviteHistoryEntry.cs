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

    /// <summary>One line for an export (Export-Csv of invites with their history): UTC time, change, why.</summary>
    public override string ToString() =>
        At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + " " +
        (FromStatus is { } from ? $"{from} -> {ToStatus}" : ToStatus.ToString()) +
        (string.IsNullOrWhiteSpace(Detail) ? "" : $" ({Detail})");
}
