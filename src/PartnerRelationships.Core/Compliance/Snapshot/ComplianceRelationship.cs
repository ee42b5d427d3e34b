using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>What the rules need of a service relationship; small, so thousands fit in a run.</summary>
public sealed record ComplianceRelationship
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public string? CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }
    public RelationshipStatus Status { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = Array.Empty<string>();
    public TimeSpan AutoExtendDuration { get; init; }
    public DateTimeOffset? ActivatedDateTime { get; init; }
    public DateTimeOffset? EndDateTime { get; init; }

    /// <summary>Fetched for active relationships only; null when not fetched.</summary>
    public IReadOnlyList<ComplianceAccessAssignment>? AccessAssignments { get; init; }

    /// <summary>Statuses in which the relationship grants (or will grant, once approved) access.</summary>
    public bool IsLive => Status is RelationshipStatus.Active or RelationshipStatus.Activating or RelationshipStatus.Approved
        or RelationshipStatus.ApprovalPending or RelationshipStatus.Created;

    public bool IsActive => Status == RelationshipStatus.Active;

    public bool HasEnded => Status is RelationshipStatus.Terminated or RelationshipStatus.Expired;
}
