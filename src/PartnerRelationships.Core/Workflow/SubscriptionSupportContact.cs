namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Who supports a customer's subscription; what Get-/Set-CustomerSupportContact output. The support partner's
/// properties all start with Support, so none of them reads as the customer's.
/// </summary>
public sealed record SubscriptionSupportContact
{
    public required string CustomerTenantId { get; init; }

    public required string CustomerName { get; init; }

    public required string SubscriptionId { get; init; }

    public required string SubscriptionName { get; init; }

    public SupportContactState State { get; init; }

    /// <summary>The support partner's (indirect reseller's) tenant id.</summary>
    public string? SupportTenantId { get; init; }

    /// <summary>The support partner's MPN id.</summary>
    public string? SupportMpnId { get; init; }

    /// <summary>The support partner's name, not the customer's.</summary>
    public string? SupportName { get; init; }
}
