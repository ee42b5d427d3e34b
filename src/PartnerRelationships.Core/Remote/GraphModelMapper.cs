using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace PartnerRelationships.Core.Remote;

/// <summary>Graph SDK types → our model types. The only place that knows both.</summary>
internal static class GraphModelMapper
{
    public static DelegatedAdminRelationshipInfo ToInfo(DelegatedAdminRelationship r) => new()
    {
        Id = r.Id ?? "",
        DisplayName = r.DisplayName ?? "",
        CustomerTenantId = r.Customer?.TenantId,
        CustomerName = r.Customer?.DisplayName,
        Status = ToStatus(r.Status),
        ServiceStatus = r.Status is { } wire ? CamelCase(wire.ToString()) : null,
        IsResellerRelationship = r is ResellerDelegatedAdminRelationship,
        IndirectProviderTenantId = (r as ResellerDelegatedAdminRelationship)?.IndirectProviderTenantId,
        IsPartnerConsentPending = (r as ResellerDelegatedAdminRelationship)?.IsPartnerConsentPending,
        Roles = Roles(r.AccessDetails?.UnifiedRoles),
        Duration = r.Duration ?? TimeSpan.Zero,
        AutoExtendDuration = r.AutoExtendDuration ?? TimeSpan.Zero,
        CreatedDateTime = r.CreatedDateTime,
        LastModifiedDateTime = r.LastModifiedDateTime,
        ActivatedDateTime = r.ActivatedDateTime,
        EndDateTime = r.EndDateTime,
        ETag = ETag(r.AdditionalData),
    };

    public static AccessAssignmentInfo ToInfo(string relationshipId, DelegatedAdminAccessAssignment a) => new()
    {
        Id = a.Id ?? "",
        RelationshipId = relationshipId,
        SecurityGroupId = a.AccessContainer?.AccessContainerId ?? "",
        Roles = Roles(a.AccessDetails?.UnifiedRoles),
        Status = CamelCase(a.Status?.ToString()),
        CreatedDateTime = a.CreatedDateTime,
        LastModifiedDateTime = a.LastModifiedDateTime,
        ETag = ETag(a.AdditionalData),
    };

    public static RelationshipRequestInfo ToInfo(string relationshipId, DelegatedAdminRelationshipRequest r)
        => new(r.Id ?? "", relationshipId, CamelCase(r.Action?.ToString()), CamelCase(r.Status?.ToString()));

    public static DelegatedAdminCustomerInfo ToInfo(DelegatedAdminCustomer c) => new(c.Id ?? "", c.TenantId ?? c.Id ?? "", c.DisplayName ?? "");

    public static ContractInfo ToInfo(Contract c) => new(c.Id ?? "", c.ContractType ?? "", c.CustomerId?.ToString() ?? "", c.DefaultDomainName ?? "", c.DisplayName ?? "");

    public static RelationshipStatus ToStatus(DelegatedAdminRelationshipStatus? status) => status switch
    {
        DelegatedAdminRelationshipStatus.Activating => RelationshipStatus.Activating,
        DelegatedAdminRelationshipStatus.Active => RelationshipStatus.Active,
        DelegatedAdminRelationshipStatus.ApprovalPending => RelationshipStatus.ApprovalPending,
        DelegatedAdminRelationshipStatus.Approved => RelationshipStatus.Approved,
        DelegatedAdminRelationshipStatus.Created => RelationshipStatus.Created,
        DelegatedAdminRelationshipStatus.Expired => RelationshipStatus.Expired,
        DelegatedAdminRelationshipStatus.Expiring => RelationshipStatus.Expiring,
        DelegatedAdminRelationshipStatus.Terminated => RelationshipStatus.Terminated,
        DelegatedAdminRelationshipStatus.Terminating => RelationshipStatus.Terminating,
        DelegatedAdminRelationshipStatus.TerminationRequested => RelationshipStatus.TerminationRequested,
        _ => RelationshipStatus.Unknown,
    };

    /// <summary>The wire name used in $filter.</summary>
    public static string WireName(RelationshipStatus status) => CamelCase(status.ToString());

    public static List<UnifiedRole> ToUnifiedRoles(IEnumerable<string> roleIds)
        => roleIds.Select(id => new UnifiedRole { RoleDefinitionId = id }).ToList();

    private static IReadOnlyList<string> Roles(List<UnifiedRole>? roles)
        => roles?.Select(r => r.RoleDefinitionId ?? "").Where(id => id.Length > 0).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>();

    internal static string? ETag(IDictionary<string, object>? additionalData)
    {
        if (additionalData is null || !additionalData.TryGetValue("@odata.etag", out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string text => text,
            UntypedString untyped => untyped.GetValue(),
            _ => value.ToString(),
        };
    }

    private static string CamelCase(string? name)
        => string.IsNullOrEmpty(name) ? "" : char.ToLowerInvariant(name![0]) + name.Substring(1);
}
