using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Partner Center REST JSON shapes (the pages named in <see cref="PartnerCenterRoutes"/>).</summary>
internal static class PartnerCenterJson
{
    public static JsonObject Customer(SandboxCustomer c)
    {
        var customer = new JsonObject
        {
            ["id"] = c.TenantId,
            ["companyProfile"] = new JsonObject
            {
                ["tenantId"] = c.TenantId,
                ["domain"] = c.Domain,
                ["companyName"] = c.CompanyName,
                ["attributes"] = Attributes("CustomerCompanyProfile"),
            },
            ["relationshipToPartner"] = c.RelationshipToPartner ?? "none",
        };

        // Left out when unknown, as get-a-list-of-customers' example leaves it out.
        if (c.AllowDelegatedAccess is { } allow)
        {
            customer["allowDelegatedAccess"] = allow;
        }

        customer["links"] = new JsonObject { ["self"] = Link("/customers/" + c.TenantId, "GET") };
        customer["attributes"] = Attributes("Customer");
        return customer;
    }

    /// <summary>remove-a-reseller-relationship-with-a-customer's answer, PascalCase and mostly null as the page shows it.</summary>
    public static JsonObject RemovedReseller(SandboxCustomer c) => new()
    {
        ["Id"] = null,
        ["CommerceId"] = null,
        ["CompanyProfile"] = null,
        ["BillingProfile"] = null,
        ["RelationshipToPartner"] = c.RelationshipToPartner ?? "none",
        ["AllowDelegatedAccess"] = null,
        ["UserCredentials"] = null,
        ["CustomDomains"] = null,
        ["AssociatedPartnerId"] = null,
        ["Attributes"] = new JsonObject { ["ObjectType"] = "Customer" },
    };

    public static JsonObject Subscription(string customerTenantId, SandboxSubscription s, bool active) => new()
    {
        ["id"] = s.Id,
        ["offerId"] = s.OfferId,
        ["offerName"] = s.OfferName,
        ["friendlyName"] = s.FriendlyName,
        ["quantity"] = 1,
        ["unitType"] = "Licenses",
        ["status"] = active ? "active" : "suspended",
        ["autoRenewEnabled"] = true,
        ["billingType"] = "license",
        ["billingCycle"] = "monthly",
        ["contractType"] = "subscription",
        ["termDuration"] = s.TermDuration,
        ["links"] = new JsonObject
        {
            ["self"] = Link($"/customers/{customerTenantId}/subscriptions/{s.Id}", "GET"),
        },
        ["attributes"] = new JsonObject { ["etag"] = "\"" + s.Id.Substring(0, 8) + "\"", ["objectType"] = "Subscription" },
    };

    public static JsonObject SupportContact(string customerTenantId, string subscriptionId, SandboxSupportContact s) => new()
    {
        ["supportTenantId"] = s.SupportTenantId,
        ["supportMpnId"] = s.SupportMpnId,
        ["name"] = s.Name,
        ["links"] = new JsonObject { ["self"] = Link($"/customers/{customerTenantId}/subscriptions/{subscriptionId}/supportcontact", "Get") },
        ["attributes"] = Attributes("SupportContact"),
    };

    public static JsonObject PartnerRelationship(SandboxIndirectReseller r) => new()
    {
        ["id"] = r.Id,
        ["name"] = r.Name,
        ["relationshipType"] = "is_indirect_cloud_solution_provider_of",
        ["mpnId"] = r.MpnId,
        ["state"] = r.State,
        ["attributes"] = Attributes("PartnerRelationship"),
    };

    public static JsonObject Collection(IEnumerable<JsonNode> items)
    {
        var array = new JsonArray(items.ToArray());
        return new JsonObject
        {
            ["totalCount"] = array.Count,
            ["items"] = array,
            ["attributes"] = Attributes("Collection"),
        };
    }

    public static JsonObject Attributes(string objectType) => new() { ["objectType"] = objectType };

    public static JsonObject Link(string uri, string method, string? continuationToken = null)
    {
        var headers = new JsonArray();
        if (continuationToken is not null)
        {
            headers.Add(new JsonObject { ["key"] = "MS-ContinuationToken", ["value"] = continuationToken });
        }

        return new JsonObject { ["uri"] = uri, ["method"] = method, ["headers"] = headers };
    }

    /// <summary>A property of a request body in any casing (the docs' own request examples mix camelCase and PascalCase).</summary>
    public static JsonNode? Property(JsonObject? o, string name) =>
        o?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static string? String(JsonObject? o, string name)
    {
        var node = Property(o, name);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw SandboxRuleException.PartnerCenterClassic(400, 3000, $"Invalid property: '{name}' must be a string.");
    }
}
