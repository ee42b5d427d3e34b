using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Remote;

/// <summary>What to create. Creating is idempotent on <see cref="DisplayName"/> (unique among the partner's relationships).</summary>
public sealed record RelationshipSpec
{
    /// <summary>1–50 characters, unique among the partner's relationships.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Null creates a relationship any customer can approve.</summary>
    public string? CustomerTenantId { get; init; }

    public string? CustomerName { get; init; }

    /// <summary>Built-in Entra role definition ids.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>P1D..P730D.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromDays(730);

    /// <summary>Zero for none, or 180 days.</summary>
    public TimeSpan AutoExtendDuration { get; init; } = TimeSpan.Zero;
}
