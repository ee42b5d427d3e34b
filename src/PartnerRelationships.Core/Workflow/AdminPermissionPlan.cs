using System.Collections.Generic;
using System.Linq;
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
