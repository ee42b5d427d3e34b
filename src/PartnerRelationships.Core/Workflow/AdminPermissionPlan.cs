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

    /// <summary>
    /// The same plan narrowed to the given steps (those the user confirmed one by one), so -Confirm answered "No" for
    /// one relationship changes nothing there. Every step must come from this plan.
    /// </summary>
    public AdminPermissionPlan WithSteps(IEnumerable<AdminPermissionStep> steps)
    {
        var chosen = (steps ?? throw new System.ArgumentNullException(nameof(steps))).ToList();
        if (chosen.Any(s => !Steps.Contains(s)))
        {
            throw new System.ArgumentException("Every step must be one of this plan's steps.", nameof(steps));
        }

        return new AdminPermissionPlan(SecurityGroupId, Roles, chosen);
    }

    /// <summary>One line per relationship, for ShouldProcess.</summary>
    public string Description => string.Join("; ", Steps.Select(s => s.Description));
}
