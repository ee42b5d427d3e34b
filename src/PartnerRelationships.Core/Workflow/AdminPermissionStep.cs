using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Workflow;

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
