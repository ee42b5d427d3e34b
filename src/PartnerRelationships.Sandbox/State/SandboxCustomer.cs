namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// A customer tenant. It is a Partner Center customer (and a Graph contract) once it accepted the reseller link;
/// GDAP relationships refer to it by tenant id.
/// </summary>
public sealed class SandboxCustomer
{
    public required string TenantId { get; init; }

    public required string CompanyName { get; set; }

    public required string Domain { get; set; }

    /// <summary>Partner Center relationshipToPartner: "reseller" after accepting the link, "none" after removal, null if never a reseller customer.</summary>
    public string? RelationshipToPartner { get; set; }

    /// <summary>Whether the partner still holds (DAP-era) admin rights in the tenant; null: the service leaves the field out.</summary>
    public bool? AllowDelegatedAccess { get; set; }

    /// <summary>Name of the partner the customer reassigned its admin rights to, if any.</summary>
    public string? AdminReassignedTo { get; set; }

    /// <summary>Whether the customer has active subscriptions through the partner (blocks relationship removal).</summary>
    public bool HasActiveSubscriptions { get; set; }

    /// <summary>The contract id Graph shows for this reseller customer.</summary>
    public string ContractId { get; set; } = Guid.NewGuid().ToString();

    /// <summary>The customer's subscriptions; null: the defaults every reseller customer gets (<see cref="SandboxSubscriptions"/>).</summary>
    public List<SandboxSubscription>? Subscriptions { get; set; }

    /// <summary>Support contacts by subscription id (Partner Center keeps them per subscription).</summary>
    public Dictionary<string, SandboxSupportContact> SupportContacts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<SandboxIndirectReseller> IndirectResellers { get; set; } = new();

    public DateTimeOffset? ResellerSince { get; set; }

    /// <summary>Order in which the customer became known; Partner Center paging walks customers by it.</summary>
    public long Sequence { get; internal set; }

    public bool IsResellerCustomer => string.Equals(RelationshipToPartner, "reseller", StringComparison.OrdinalIgnoreCase);

    internal SandboxCustomer Snapshot()
    {
        var copy = (SandboxCustomer)MemberwiseClone();
        copy.IndirectResellers = new List<SandboxIndirectReseller>(IndirectResellers);
        copy.Subscriptions = Subscriptions is null ? null : new List<SandboxSubscription>(Subscriptions);
        copy.SupportContacts = new Dictionary<string, SandboxSupportContact>(SupportContacts, StringComparer.OrdinalIgnoreCase);
        return copy;
    }
}

/// <summary>The indirect reseller named as support contact of a subscription (Partner Center SupportContact).</summary>
public sealed record SandboxSupportContact(string SupportTenantId, string SupportMpnId, string Name);

/// <summary>An indirect reseller the customer has a relationship with (Partner Center customer relationships).</summary>
public sealed record SandboxIndirectReseller(string Id, string MpnId, string Name, string State = "Active");
