using System;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>A Partner Center (reseller) customer as the rules see it.</summary>
/// <param name="AllowDelegatedAccess">Null when Partner Center left the field out: unknown, never a finding by itself.</param>
public sealed record ComplianceCustomer(string TenantId, string Name, string RelationshipToPartner, bool? AllowDelegatedAccess)
{
    public bool IsResellerCustomer => string.Equals(RelationshipToPartner, "reseller", StringComparison.OrdinalIgnoreCase);
}
