using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>Filters for listing invites. Unset members do not filter.</summary>
public sealed record InviteQuery
{
    public Guid? Id { get; init; }
    public IReadOnlyCollection<InviteStatus>? Statuses { get; init; }
    public InviteKind? Kind { get; init; }

    /// <summary>PowerShell-style wildcard (<c>*</c>, <c>?</c>), case-insensitive.</summary>
    public string? CustomerNamePattern { get; init; }

    /// <summary>Only invites to this address (whole address, case-insensitive).</summary>
    public string? CustomerEmail { get; init; }

    /// <summary>Only invites created strictly before this instant.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Only invites whose current status was entered strictly before this instant.</summary>
    public DateTimeOffset? StatusChangedBefore { get; init; }
}
