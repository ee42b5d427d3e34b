namespace PartnerRelationships.Core.Remote;

/// <summary>A customer with at least one delegated admin relationship.</summary>
public sealed record DelegatedAdminCustomerInfo(string Id, string TenantId, string DisplayName);
