namespace PartnerRelationships.Core.Remote;

/// <summary>The partner (or indirect reseller) a customer is told to contact for support.</summary>
public sealed record SupportContactInfo(string SupportTenantId, string? SupportMpnId, string? Name);
