using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Partner Center REST JSON shapes.</summary>
internal static class PartnerCenterJson
{
    public static JsonObject Customer(SandboxCustomer c) => new()
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
        ["allowDelegatedAccess"] = c.AllowDelegatedAccess,
        ["attributes"] = Attributes("Customer"),
    };

    public static JsonObject SupportContact(SandboxSupportContact s) => new()
    {
        ["supportTenantId"] = s.SupportTenantId,
        ["supportMpnId"] = s.SupportMpnId,
        ["name"] = s.Name,
        ["attributes"] = Attributes("SupportContact"),
    };

    public static JsonObject PartnerRelationship(SandboxIndirectReseller r) => new()
    {
        ["id"] = r.Id,
        ["mpnId"] = r.MpnId,
        ["name"] = r.Name,
        ["relationshipType"] = "IsIndirectResellerOf",
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
}
