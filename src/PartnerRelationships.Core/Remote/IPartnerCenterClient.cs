using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote;

/// <summary>The Partner Center REST calls Graph lacks. Errors are PartnerRelationshipsExceptions.</summary>
public interface IPartnerCenterClient
{
    /// <summary>The reseller relationship request link (needs App+User sign-in on the real service).</summary>
    /// <param name="indirectResellerId">An indirect provider inviting for a reseller passes the reseller's id.</param>
    Task<Uri> GetRelationshipRequestLinkAsync(string? indirectResellerId = null, CancellationToken cancellationToken = default);

    /// <summary>Streams page by page (continuation token); memory stays flat however many customers there are.</summary>
    IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>The customers whose company name or domain starts with a prefix (case ignored), paged like the whole list.</summary>
    IAsyncEnumerable<PartnerCustomerInfo> SearchCustomersAsync(CustomerSearch search, int pageSize = 100, CancellationToken cancellationToken = default);

    Task<PartnerCustomerInfo> GetCustomerAsync(string customerTenantId, CancellationToken cancellationToken = default);

    /// <summary>Sets relationshipToPartner to none. The service refuses while the customer has active subscriptions.</summary>
    Task RemoveResellerRelationshipAsync(string customerTenantId, CancellationToken cancellationToken = default);

    Task<SupportContactInfo?> GetSupportContactAsync(string customerTenantId, CancellationToken cancellationToken = default);

    Task<SupportContactInfo> SetSupportContactAsync(string customerTenantId, SupportContactInfo contact, CancellationToken cancellationToken = default);

    /// <summary>The indirect resellers the customer has a relationship with.</summary>
    Task<IReadOnlyList<CustomerResellerRelationshipInfo>> ListCustomerRelationshipsAsync(string customerTenantId, CancellationToken cancellationToken = default);
}
