namespace PartnerRelationships.Core.Remote;

/// <summary>
/// One of a customer's subscriptions as Partner Center lists it (get-all-of-a-customer-s-subscriptions, Subscription
/// resource). Fields the service leaves out are null.
/// </summary>
/// <param name="OfferId">A GUID for a legacy offer; a catalog item id (product:sku:availability) for new commerce.</param>
/// <param name="Status">none, active, pending, suspended or deleted (subscription-resources).</param>
public sealed record CustomerSubscriptionInfo(
    string Id,
    string? OfferId,
    string? OfferName,
    string? FriendlyName,
    string? Status,
    string? TermDuration)
{
    /// <summary>Whether a support contact can be assigned (new-commerce subscriptions cannot have one).</summary>
    public SupportContactAvailability SupportContactAvailability => NewCommerceSubscriptions.SupportContactAvailability(this);
}
