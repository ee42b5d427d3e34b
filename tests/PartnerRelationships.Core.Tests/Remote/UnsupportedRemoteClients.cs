using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

/// <summary>
/// A Partner Center client whose every call fails: a test's fake overrides only the calls its subject should make,
/// so any other call shows as NotSupportedException.
/// </summary>
internal abstract class UnsupportedPartnerCenterClient : IPartnerCenterClient
{
    public virtual Task<Uri> GetRelationshipRequestLinkAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual IAsyncEnumerable<PartnerCustomerInfo> SearchCustomersAsync(CustomerSearch search, int pageSize = 100, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<PartnerCustomerInfo> GetCustomerAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task RemoveResellerRelationshipAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<IReadOnlyList<CustomerSubscriptionInfo>> ListSubscriptionsAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<SupportContactInfo?> GetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<SupportContactInfo> SetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, SupportContactInfo contact, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<IReadOnlyList<CustomerResellerRelationshipInfo>> ListCustomerRelationshipsAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>A Graph GDAP client whose every call fails; see <see cref="UnsupportedPartnerCenterClient"/>.</summary>
internal abstract class UnsupportedGraphGdapClient : IGraphGdapClient
{
    public virtual IAsyncEnumerable<DelegatedAdminRelationshipInfo> ListRelationshipsAsync(RelationshipFilter? filter = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<DelegatedAdminRelationshipInfo> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<DelegatedAdminRelationshipInfo> CreateRelationshipAsync(RelationshipSpec spec, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<RelationshipRequestInfo> LockForApprovalAsync(string relationshipId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task DeleteRelationshipAsync(string relationshipId, string etag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<RelationshipRequestInfo> TerminateAsync(string relationshipId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<DelegatedAdminRelationshipInfo> UpdateAutoExtendAsync(string relationshipId, TimeSpan autoExtendDuration, string etag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<IReadOnlyList<AccessAssignmentInfo>> ListAccessAssignmentsAsync(string relationshipId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual Task<AccessAssignmentInfo> CreateOrUpdateAccessAssignmentAsync(string relationshipId, AccessAssignmentSpec spec, string? etag = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual IAsyncEnumerable<DelegatedAdminCustomerInfo> ListDelegatedAdminCustomersAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public virtual IAsyncEnumerable<ContractInfo> ListContractsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
