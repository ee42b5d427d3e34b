namespace PartnerRelationships.Core.Remote;

/// <summary>A Partner Center customer.</summary>
/// <param name="RelationshipToPartner">e.g. "reseller", "advisor", "none".</param>
public sealed record PartnerCustomerInfo(
    string TenantId,
    string CompanyName,
    string? Domain,
    string RelationshipToPartner,
    bool AllowDelegatedAccess);
