using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;

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
    public IReadOnlyList<string> Roles { get => _roles; init => _roles = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _roles = ExportableList<string>.Empty;

    public IReadOnlyList<string> RoleIds { get => _roleIds; init => _roleIds = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _roleIds = ExportableList<string>.Empty;

    /// <summary>pending, active, deleting, deleted or error.</summary>
    public string Status { get; init; } = "";
    public DateTimeOffset? LastModifiedDateTime { get; init; }

    /// <summary>Pass back to an update to make sure nobody changed it in between.</summary>
    public string? ETag { get; init; }
}
