namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// A reseller customer as the sync sees it, merged from Partner Center /v1/customers and Graph /contracts.
/// <see cref="AllowDelegatedAccess"/> is null when only the contract is known (Graph does not say).
/// </summary>
public sealed record ResellerCustomer(string TenantId, string Name, string? Domain, string RelationshipToPartner, bool? AllowDelegatedAccess)
{
    public bool IsReseller => string.Equals(RelationshipToPartner, "reseller", System.StringComparison.OrdinalIgnoreCase);
}
