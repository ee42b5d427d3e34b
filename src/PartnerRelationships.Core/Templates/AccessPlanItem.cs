using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Templates;

/// <summary>One difference between a customer's access and a template, with the sentence ShouldProcess shows.</summary>
public sealed record AccessPlanItem
{
    public required AccessPlanItemKind Kind { get; init; }
    public required string Template { get; init; }
    public required string CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }

    /// <summary>Null only for RelationshipCannotSatisfy when the customer has no active relationship.</summary>
    public string? RelationshipId { get; init; }
    public string? RelationshipName { get; init; }

    public string? GroupId { get; init; }
    public string? GroupName { get; init; }

    /// <summary>What the group should hold (Add, Change); empty for the others.</summary>
    public IReadOnlyList<EntraRole> Roles { get => _roles; init => _roles = ExportableList<EntraRole>.Of(value); }

    private readonly IReadOnlyList<EntraRole> _roles = ExportableList<EntraRole>.Empty;

    /// <summary>What the assignment holds now (Change, Remove): role ids.</summary>
    public IReadOnlyList<string> CurrentRoleIds { get => _currentRoleIds; init => _currentRoleIds = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _currentRoleIds = ExportableList<string>.Empty;

    /// <summary>Roles the template assigns that the relationship lacks (RelationshipCannotSatisfy).</summary>
    public IReadOnlyList<EntraRole> MissingRoles { get => _missingRoles; init => _missingRoles = ExportableList<EntraRole>.Of(value); }

    private readonly IReadOnlyList<EntraRole> _missingRoles = ExportableList<EntraRole>.Empty;

    public string? AssignmentId { get; init; }

    /// <summary>The assignment's ETag as read while planning: Change and Remove fail if it changed since.</summary>
    public string? ETag { get; init; }

    /// <summary>Add, Change and Remove can be applied; the other kinds need a person (a new relationship, the template).</summary>
    public bool CanApply => Kind is AccessPlanItemKind.Add or AccessPlanItemKind.Change or AccessPlanItemKind.Remove;

    /// <summary>One sentence for -WhatIf / -Confirm.</summary>
    public string Description
    {
        get
        {
            var customer = CustomerName ?? CustomerTenantId;
            var where = $"relationship '{RelationshipName}' ({customer})";
            var group = GroupName is null ? $"group {GroupId}" : $"group '{GroupName}' ({GroupId})";
            var roles = string.Join(", ", Roles.Select(r => r.Name));
            var current = string.Join(", ", CurrentRoleIds.Select(RoleCatalog.NameOf));
            return Kind switch
            {
                AccessPlanItemKind.Add => $"Template '{Template}': assign {roles} to {group} on {where}",
                AccessPlanItemKind.Change => $"Template '{Template}': change the roles of {group} on {where} from {current} to {roles}",
                AccessPlanItemKind.Remove => $"Template '{Template}': remove the assignment of {group} ({current}) from {where}; the template does not list the group",
                AccessPlanItemKind.GroupMissing => $"Template '{Template}': {group} no longer exists in the partner tenant, so it can't be assigned on {where}; " +
                                                   "recreate the group or change its id in the template",
                _ when RelationshipId is null => $"Template '{Template}': customer {customer} has no active granular relationship; invite it with this template",
                _ => $"Template '{Template}': {where} lacks {string.Join(", ", MissingRoles.Select(r => r.Name))}; roles of an approved relationship can't change, " +
                     "so invite the customer to a new relationship with this template",
            };
        }
    }

    public override string ToString() => Description;
}
