namespace PartnerRelationships.Sandbox.Seeding;

/// <summary>The JSON seed file (--seed-file): generated customers, explicit customers with relationships, apps.</summary>
public sealed record SeedFile
{
    public SeedGenerate? Generate { get; init; }

    public List<SeedApp> Apps { get; init; } = new();

    public List<SeedCustomer> Customers { get; init; } = new();
}

public sealed record SeedGenerate(int Customers, int Seed = 1);

public sealed record SeedApp(string ClientId, string ClientSecret);

public sealed record SeedCustomer
{
    public string? TenantId { get; init; }

    public required string DisplayName { get; init; }

    public string? Domain { get; init; }

    /// <summary>"reseller", "none" or null (never a reseller customer).</summary>
    public string? RelationshipToPartner { get; init; } = "reseller";

    /// <summary>Partner Center allowDelegatedAccess; null leaves it out of the customer's JSON (unknown).</summary>
    public bool? AllowDelegatedAccess { get; init; } = true;

    public bool HasActiveSubscriptions { get; init; }

    /// <summary>The customer's subscriptions; left out: one legacy and one new-commerce subscription.</summary>
    public List<SeedSubscription>? Subscriptions { get; init; }

    /// <summary>Indirect resellers the customer has a relationship with (its /relationships).</summary>
    public List<SeedIndirectReseller> IndirectResellers { get; init; } = new();

    public List<SeedRelationship> Relationships { get; init; } = new();
}

/// <summary>A subscription: offerId a GUID (legacy) or product:sku:availability (new commerce).</summary>
public sealed record SeedSubscription(string OfferId, string OfferName, string? Id = null, string? FriendlyName = null, string? TermDuration = null);

public sealed record SeedIndirectReseller(string TenantId, string MpnId, string Name);

public sealed record SeedRelationship
{
    public required string DisplayName { get; init; }

    /// <summary>created, approvalPending, active, terminated or expired (as of the sandbox's start).</summary>
    public string Status { get; init; } = "active";

    public string Duration { get; init; } = "P730D";

    public string AutoExtendDuration { get; init; } = "PT0S";

    public List<string> Roles { get; init; } = new();

    /// <summary>Set: a resellerDelegatedAdminRelationship that this indirect provider holds for a reseller (not the partner's own).</summary>
    public string? IndirectProviderTenantId { get; init; }

    public bool IsPartnerConsentPending { get; init; }
}
