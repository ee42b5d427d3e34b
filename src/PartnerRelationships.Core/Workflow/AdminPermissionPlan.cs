using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Workflow;

/// <summary>What Set-AdminPermission will do, relationship by relationship: read-only, so -WhatIf can tell the truth.</summary>
public sealed class AdminPermissionPlan
{
    internal AdminPermissionPlan(string securityGroupId, IReadOnlyList<EntraRole> roles, IReadOnlyList<AdminPermissionStep> steps)
    {
        SecurityGroupId = securityGroupId;
        Roles = roles;
        Steps = steps;
    }

    public string SecurityGroupId { get; }
    public IReadOnlyList<EntraRole> Roles { get; }
    public IReadOnlyList<AdminPermissionStep> Steps { get; }

    public bool HasChanges => Steps.Any(s => s.Action != AdminPermissionAction.NoChange);

    /// <summary>One line per relationship, for ShouldProcess.</summary>
    public string Description => string.Join("; ", Steps.Select(s => s.Description));
}

public enum AdminPermissionAction
{
    Create,
    Update,
    NoChange,
}

/// <summary>The change on one relationship: create the group's assignment, update its roles (with the ETag read), or nothing.</summary>
public sealed record AdminPermissionStep(DelegatedAdminRelationshipInfo Relationship, AdminPermissionAction Action, AccessAssignmentInfo? Existing, string? ETag, IReadOnlyList<EntraRole> Roles, string SecurityGroupId)
{
    public string Description
    {
        get
        {
            var roles = string.Join(", ", Roles.Select(r => r.Name));
            var where = $"relationship '{Relationship.DisplayName}' ({Relationship.CustomerName ?? Relationship.CustomerTenantId})";
            return Action switch
            {
                AdminPermissionAction.Create => $"Assign {roles} to group {SecurityGroupId} on {where}",
                AdminPermissionAction.Update => $"Change the roles of group {SecurityGroupId} on {where} from {string.Join(", ", Existing!.Roles.Select(RoleCatalog.NameOf))} to {roles}",
                _ => $"Group {SecurityGroupId} already has exactly {roles} on {where}; nothing to change",
            };
        }
    }
}
