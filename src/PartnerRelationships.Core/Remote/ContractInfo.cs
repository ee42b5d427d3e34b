namespace PartnerRelationships.Core.Remote;

/// <summary>A reseller (DAP-era) customer contract from Graph /contracts.</summary>
public sealed record ContractInfo(string Id, string ContractType, string CustomerTenantId, string DefaultDomainName, string DisplayName);
