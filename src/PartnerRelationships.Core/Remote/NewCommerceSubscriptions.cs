using System;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Tells new-commerce subscriptions from legacy ones. The Partner Center docs say support contacts are not supported
/// for new commerce (get-a-subscription-s-support-contact) but give no flag for it on the Subscription resource. Our
/// choice (docs/wire-contract.md): a new-commerce subscription's offerId is a catalog item id, product:sku:availability
/// (e.g. "CFQ7TTC0LH18:0001:CFQ7TTC0KDN6"); a legacy offer's id is a GUID. Anything else is unknown.
/// </summary>
public static class NewCommerceSubscriptions
{
    public static SupportContactAvailability SupportContactAvailability(CustomerSubscriptionInfo subscription)
    {
        if (subscription is null) throw new ArgumentNullException(nameof(subscription));
        var offer = subscription.OfferId?.Trim();
        if (string.IsNullOrEmpty(offer))
        {
            return Remote.SupportContactAvailability.Unknown;
        }

        if (Guid.TryParse(offer, out _))
        {
            return Remote.SupportContactAvailability.Available;
        }

        return IsCatalogItemId(offer!) ? Remote.SupportContactAvailability.NotSupported : Remote.SupportContactAvailability.Unknown;
    }

    /// <summary>product:sku:availability, each part letters and digits.</summary>
    private static bool IsCatalogItemId(string offer)
    {
        var parts = offer.Split(':');
        if (parts.Length != 3)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsLetterOrDigit(c)) return false;
            }
        }

        return true;
    }
}
