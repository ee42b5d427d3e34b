using System.Security.Cryptography;
using System.Text;

namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// A customer's subscription (Partner Center Subscription resource). Its status follows the customer's
/// HasActiveSubscriptions: "active", else "suspended" (what the reseller removal needs).
/// </summary>
/// <param name="OfferId">A GUID for a legacy offer; product:sku:availability for a new-commerce one.</param>
public sealed record SandboxSubscription(string Id, string OfferId, string OfferName, string FriendlyName, string? TermDuration = null)
{
    /// <summary>New commerce: its offer id is a catalog item id, not a GUID (our reading; docs/wire-contract.md).</summary>
    public bool IsNewCommerce => !Guid.TryParse(OfferId, out _);
}

/// <summary>The subscriptions a reseller customer has unless seeded otherwise: one legacy, one new commerce.</summary>
public static class SandboxSubscriptions
{
    public const string LegacyOfferId = "5c9fd4cc-edce-44a8-8e91-07df09744609";
    public const string NewCommerceOfferId = "CFQ7TTC0LH18:0001:CFQ7TTC0K5DR";

    /// <summary>Stable per tenant (ids derived from it), so every run of a seed shows the same subscriptions.</summary>
    public static List<SandboxSubscription> DefaultsFor(string tenantId) => new()
    {
        new SandboxSubscription(DerivedId(tenantId, "legacy"), LegacyOfferId, "Office 365 E3", "Office 365 E3"),
        new SandboxSubscription(DerivedId(tenantId, "new-commerce"), NewCommerceOfferId, "Microsoft 365 Business Basic", "Microsoft 365 Business Basic", "P1M"),
    };

    private static string DerivedId(string tenantId, string kind)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(tenantId.ToLowerInvariant() + "/" + kind));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
