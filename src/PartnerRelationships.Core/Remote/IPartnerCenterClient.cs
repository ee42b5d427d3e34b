using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// The Partner Center REST calls Graph lacks (docs/wire-contract.md lists each with its doc page). Errors are
/// PartnerRelationshipsExceptions.
/// </summary>
public interface IPartnerCenterClient
{
    /// <summary>
    /// The partner's reseller relationship request link (request-reseller-relationship; App+User on the real service).
    /// The call documents no parameters: it is always the partner's own, direct link.
    /// </summary>
    Task<Uri> GetRelationshipRequestLinkAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams page by page (continuation token); memory stays flat however many customers there are.</summary>
    IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    Task<PartnerCustomerInfo> GetCustomerAsync(string customerTenantId, CancellationToken cancellationToken = default);

    /// <summary>Sets relationshipToPartner to none. The service refuses while the customer has active subscriptions.</summary>
    Task RemoveResellerRelationshipAsync(string customerTenantId, CancellationToken cancellationToken = default);

    /// <summary>The customer's subscriptions (get-all-of-a-customer-s-subscriptions).</summary>
    Task<IReadOnlyList<CustomerSubscriptionInfo>> ListSubscriptionsAsync(string customerTenantId, CancellationToken cancellationToken = default);

    /// <summary>The support contact of one subscription, or null when none is set (get-a-subscription-s-support-contact).</summary>
    Task<SupportContactInfo?> GetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Names an indirect reseller as a subscription's support contact (update-a-subscription-s-support-contact).</summary>
    Task<SupportContactInfo> SetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, SupportContactInfo contact, CancellationToken cancellationToken = default);

    /// <summary>The indirect resellers the customer has a relationship with; empty when the service answers no body.</summary>
    Task<IReadOnlyList<CustomerResellerRelationshipInfo>> ListCustomerRelationshipsAsync(string customerTenantId, CancellationToken cancellationToken = default);
}
