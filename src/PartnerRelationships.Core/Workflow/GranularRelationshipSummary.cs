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

    public static GranularRelationshipSummary From(DelegatedAdminRelationshipInfo r)
    {
        // One array, no LINQ: Get-PartnerCustomer maps every relationship of every customer through here.
        var ids = r.Roles;
        var names = new string[ids.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = RoleCatalog.NameOf(ids[i]);
        }

        return new()
        {
            Id = r.Id,
            DisplayName = r.DisplayName,
            Status = r.Status,
            Roles = ExportableList<string>.Owning(names),
            RoleIds = ids,
            EndDateTime = r.EndDateTime,
            AutoExtend = r.AutoExtendDuration > TimeSpan.Zero,
        };
    }

    public override string ToString() => $"{DisplayName} ({Status})";
}
