using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Graph v1.0 JSON shapes of the GDAP resources.</summary>
internal static class GraphJson
{
    /// <summary>A delegatedAdminRelationship; a reseller one carries its @odata.type and own properties (DocumentedBehaviour.ResellerRelationshipResource).</summary>
    public static JsonObject Relationship(SandboxRelationship r)
    {
        var json = BaseRelationship(r);
        if (r.IsReseller)
        {
            json.Insert(0, "@odata.type", "#microsoft.graph.resellerDelegatedAdminRelationship");
            json["isPartnerConsentPending"] = r.IsPartnerConsentPending;
            json["indirectProviderTenantId"] = r.IndirectProviderTenantId;
        }

        return json;
    }

    public static JsonObject Operation(SandboxRelationshipOperation o) => new()
    {
        ["@odata.type"] = "#microsoft.graph.delegatedAdminRelationshipOperation",
        ["@odata.etag"] = o.ETag,
        ["id"] = o.Id,
        ["operationType"] = o.OperationType,
        ["data"] = o.Data,
        ["status"] = o.Status,
        ["createdDateTime"] = JsonResponses.Date(o.CreatedDateTime),
        ["lastModifiedDateTime"] = JsonResponses.Date(o.LastModifiedDateTime),
    };

    private static JsonObject BaseRelationship(SandboxRelationship r) => new()
    {
        ["@odata.etag"] = r.ETag,
        ["id"] = r.Id,
        ["displayName"] = r.DisplayName,
        ["duration"] = RelationshipRules.FormatIsoDuration(r.Duration),
        ["customer"] = new JsonObject
        {
            ["tenantId"] = r.CustomerTenantId,
            ["displayName"] = r.CustomerDisplayName,
        },
        ["accessDetails"] = AccessDetails(r.RoleDefinitionIds),
        ["status"] = r.Status,
        ["autoExtendDuration"] = RelationshipRules.FormatIsoDuration(r.AutoExtendDuration),
        ["createdDateTime"] = JsonResponses.Date(r.CreatedDateTime),
        ["lastModifiedDateTime"] = JsonResponses.Date(r.LastModifiedDateTime),
        ["activatedDateTime"] = JsonResponses.Date(r.ActivatedDateTime),
        ["endDateTime"] = JsonResponses.Date(r.EndDateTime),
    };

    public static JsonObject AccessAssignment(SandboxAccessAssignment a) => new()
    {
        ["@odata.etag"] = a.ETag,
        ["id"] = a.Id,
        ["status"] = a.Status,
        ["createdDateTime"] = JsonResponses.Date(a.CreatedDateTime),
        ["lastModifiedDateTime"] = JsonResponses.Date(a.LastModifiedDateTime),
        ["accessContainer"] = new JsonObject
        {
            ["accessContainerId"] = a.AccessContainerId,
            ["accessContainerType"] = a.AccessContainerType,
        },
        ["accessDetails"] = AccessDetails(a.RoleDefinitionIds),
    };

    public static JsonObject Request(SandboxRelationshipRequest q) => new()
    {
        ["id"] = q.Id,
        ["action"] = q.Action,
        ["status"] = q.Status,
        ["createdDateTime"] = JsonResponses.Date(q.CreatedDateTime),
        ["lastModifiedDateTime"] = JsonResponses.Date(q.LastModifiedDateTime),
    };

    public static JsonObject DelegatedAdminCustomer(SandboxCustomer c) => new()
    {
        ["id"] = c.TenantId,
        ["tenantId"] = c.TenantId,
        ["displayName"] = c.CompanyName,
    };

    public static JsonObject Contract(SandboxCustomer c) => new()
    {
        ["id"] = c.ContractId,
        ["contractType"] = "ResellerPartner",
        ["customerId"] = c.TenantId,
        ["defaultDomainName"] = c.Domain,
        ["displayName"] = c.CompanyName,
    };

    /// <summary>A collection page: value, and @odata.nextLink when there is more.</summary>
    public static JsonObject Collection(HttpRequest request, string contextPath, IEnumerable<JsonNode> items, long? nextAfter)
    {
        var page = new JsonObject
        {
            ["@odata.context"] = $"{BaseUrl(request)}/v1.0/$metadata#{contextPath}",
        };
        if (nextAfter is { } after)
        {
            page["@odata.nextLink"] = NextLink(request, PageCursor.Encode(after));
        }

        page["value"] = new JsonArray(items.ToArray());
        return page;
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string NextLink(HttpRequest request, string skipToken)
    {
        var parts = request.Query
            .Where(q => !string.Equals(q.Key, "$skiptoken", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"$skiptoken={Uri.EscapeDataString(skipToken)}");
        return $"{BaseUrl(request)}{request.Path}?{string.Join("&", parts)}";
    }

    private static JsonObject AccessDetails(IEnumerable<string> roleIds) => new()
    {
        ["unifiedRoles"] = new JsonArray(roleIds.Select(id => (JsonNode)new JsonObject { ["roleDefinitionId"] = id }).ToArray()),
    };
}
