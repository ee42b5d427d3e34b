using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>A customer's granular admin relationship as Get-PartnerCustomer shows it: roles by name.</summary>
public sealed record GranularRelationshipSummary
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public RelationshipStatus Status { get; init; }

    /// <summary>Role names (an id not in the catalog is shown as the id).</summary>
    public IReadOnlyList<string> Roles { get => _roles; init => _roles = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _roles = ExportableList<string>.Empty;

    public IReadOnlyList<string> RoleIds { get => _roleIds; init => _roleIds = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _roleIds = ExportableList<string>.Empty;

    public DateTimeOffset? EndDateTime { get; init; }
    public bool AutoExtend { get; init; }

    public bool IsActive => Status is RelationshipStatus.Active or RelationshipStatus.Expiring;

    public override string ToString() => $"{DisplayName} ({Status})";
}
