using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Remote;

/// <summary>Which security group in the partner tenant gets which roles in the customer tenant.</summary>
public sealed record AccessAssignmentInfo
{
    public required string Id { get; init; }
    public required string RelationshipId { get; init; }
    public required string SecurityGroupId { get; init; }
    public IReadOnlyList<string> Roles { get => _roles; init => _roles = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _roles = ExportableList<string>.Empty;

    /// <summary>pending, active, deleting, deleted or error.</summary>
    public string Status { get; init; } = "";

    public DateTimeOffset? CreatedDateTime { get; init; }
    public DateTimeOffset? LastModifiedDateTime { get; init; }
    public string? ETag { get; init; }

    /// <summary>
    /// The long-running operation an update started (202 Accepted) and how it stood when the client stopped following
    /// it; null when the change was immediate or nothing changed. Not finished means the roles shown are still the old ones.
    /// </summary>
    public RemoteOperationInfo? Operation { get; init; }
}
