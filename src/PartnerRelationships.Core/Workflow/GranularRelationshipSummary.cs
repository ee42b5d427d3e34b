using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Collections;

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

    public static GranularRelationshipSummary From(DelegatedAdminRelationshipInfo r) => new()
    {
        Id = r.Id,
        DisplayName = r.DisplayName,
        Status = r.Status,
        Roles = r.Roles.Select(RoleCatalog.NameOf).ToList(),
        RoleIds = r.Roles,
        EndDateTime = r.EndDateTime,
        AutoExtend = r.AutoExtendDuration > TimeSpan.Zero,
    };

    public override string ToString() => $"{DisplayName} ({Status})";
}
