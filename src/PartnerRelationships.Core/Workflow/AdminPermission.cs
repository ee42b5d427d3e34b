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

    /// <summary>
    /// The service's long-running operation for this change (an update answers 202 Accepted); null when the change
    /// took effect at once or nothing changed.
    /// </summary>
    public string? OperationId { get; init; }

    /// <summary>notStarted, running, succeeded or failed; null when there was no operation.</summary>
    public string? OperationStatus { get; init; }

    /// <summary>The roles asked for while the change is still in progress (<see cref="Roles"/> are those in force now).</summary>
    public IReadOnlyList<string> RequestedRoles { get; init; } = Array.Empty<string>();

    /// <summary>
    /// "done" when the roles shown are in force; "in progress" while the service is still applying them (assignment
    /// pending or deleting, or its operation not finished); "error" when the service could not apply them.
    /// </summary>
    public string State => Status switch
    {
        "error" => "error",
        "pending" or "deleting" => "in progress",
        _ when OperationStatus is "notStarted" or "running" => "in progress",
        _ => "done",
    };
}
