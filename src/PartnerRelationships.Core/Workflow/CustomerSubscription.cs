using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>One of a customer's subscriptions, with its customer; what Get-CustomerSubscription outputs.</summary>
public sealed record CustomerSubscription
{
    public required string CustomerTenantId { get; init; }

    /// <summary>The customer's company name (Partner Center companyProfile.companyName).</summary>
    public required string CustomerName { get; init; }

    public required string SubscriptionId { get; init; }

    /// <summary>The partner's friendly name for it, else the offer name, else the id.</summary>
    public required string SubscriptionName { get; init; }

    public string? OfferId { get; init; }

    public string? OfferName { get; init; }

    /// <summary>none, active, pending, suspended or deleted; null when the service did not say.</summary>
    public string? Status { get; init; }

    /// <summary>Whether a support contact can be assigned: new-commerce subscriptions cannot have one.</summary>
    public SupportContactAvailability SupportContact { get; init; }

    internal static CustomerSubscription From(string customerTenantId, string customerName, CustomerSubscriptionInfo s) => new()
    {
        CustomerTenantId = customerTenantId,
        CustomerName = customerName,
        SubscriptionId = s.Id,
        SubscriptionName = FirstText(s.FriendlyName, s.OfferName) ?? s.Id,
        OfferId = s.OfferId,
        OfferName = s.OfferName,
        Status = s.Status,
        SupportContact = s.SupportContactAvailability,
    };

    private static string? FirstText(params string?[] values)
    {
        foreach (var v in values)
        {
            if (!string.IsNullOrWhiteSpace(v)) return v!.Trim();
        }

        return null;
    }
}
