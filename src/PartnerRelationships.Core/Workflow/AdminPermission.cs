using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Workflow;

/// <summary>One access assignment: which partner security group holds which roles through which relationship.</summary>
public sealed record AdminPermission
{
    public required string RelationshipId { get; init; }
    public required string RelationshipName { get; init; }
    public string? CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }
    public required string AssignmentId { get; init; }
    public required string SecurityGroupId { get; init; }

    /// <summary>Role names (ids not in the catalog are shown as ids).</summary>
    public IReadOnlyList<string> Roles { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> RoleIds { get; init; } = Array.Empty<string>();

    /// <summary>pending, active, deleting, deleted or error.</summary>
    public string Status { get; init; } = "";
    public DateTimeOffset? LastModifiedDateTime { get; init; }

    /// <summary>Pass back to an update to make sure nobody changed it in between.</summary>
    public string? ETag { get; init; }
}
