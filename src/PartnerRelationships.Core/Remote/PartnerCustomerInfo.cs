namespace PartnerRelationships.Core.Remote;

/// <summary>A Partner Center customer.</summary>
/// <param name="RelationshipToPartner">e.g. "reseller", "advisor", "none".</param>
/// <param name="AllowDelegatedAccess">
/// Null when the service left the field out (get-a-list-of-customers' own example omits it): unknown, not false.
/// </param>
public sealed record PartnerCustomerInfo(
    string TenantId,
    string CompanyName,
    string? Domain,
    string RelationshipToPartner,
    bool? AllowDelegatedAccess);
