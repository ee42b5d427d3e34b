using System.Globalization;
using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Partner Center REST: the reseller relationship link, customers (continuation paging), support contact, customer relationships.</summary>
internal static class PartnerCenterEndpoints
{
    private const int DefaultPageSize = 500;
    private const int MaxPageSize = 500;

    public static void Map(IEndpointRouteBuilder app, SandboxState state, SandboxOptions options)
    {
        app.MapGet("/v1/customers/relationshiprequests", context =>
        {
            var resellerId = context.Request.Query["indirectResellerId"].ToString();
            var providerId = context.Request.Query["indirectCloudSolutionProviderId"].ToString();
            var url = string.IsNullOrEmpty(resellerId)
                ? $"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={Uri.EscapeDataString(options.PartnerTenantId)}&msppId=0&DAP=true#/BillingAccounts/partner-invitation"
                // An indirect provider inviting on behalf of one of its resellers: the link names the reseller as partner and the provider as CSP.
                : $"https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId={Uri.EscapeDataString(resellerId)}&msppId=0&indirectCSPId={Uri.EscapeDataString(string.IsNullOrEmpty(providerId) ? options.PartnerTenantId : providerId)}&DAP=true#/BillingAccounts/partner-invitation";
            return JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["url"] = url,
                ["attributes"] = PartnerCenterJson.Attributes("CustomerRelationshipRequest"),
            });
        });

        app.MapGet("/v1/customers", context =>
        {
            var size = Size(context.Request);
            var token = context.Request.Headers["MS-ContinuationToken"].ToString();
            var after = PageCursor.Decode(token, t => new SandboxRuleException(400, "badRequest",
                "The MS-ContinuationToken is invalid; send the continuationToken from the previous page unchanged.", 400012, "InvalidContinuationToken"));
            var search = CustomerSearchFilter.From(context.Request);
            var (page, next) = state.ListCustomers(c => c.IsResellerCustomer && (search is null || search.IsMatch(c)), after, size);
            var body = PartnerCenterJson.Collection(page.Select(c => (JsonNode)PartnerCenterJson.Customer(c)));
            var self = $"/v1/customers?size={size.ToString(CultureInfo.InvariantCulture)}";
            if (search is not null)
            {
                self += "&filter=" + Uri.EscapeDataString(context.Request.Query["filter"].ToString());
            }

            var links = new JsonObject { ["self"] = Link(self, null) };
            if (next is { } n)
            {
                var continuation = PageCursor.Encode(n);
                body["continuationToken"] = continuation;
                links["next"] = Link(self + "&seekOperation=Next", continuation);
            }

            body["links"] = links;
            return JsonResponses.WriteAsync(context, 200, body);
        });

        app.MapGet("/v1/customers/{id}", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Customer(Customer(state, id))));

        app.MapMethods("/v1/customers/{id}", new[] { "PATCH" }, async (HttpContext context, string id) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var updated = state.UpdateRelationshipToPartner(id, JsonResponses.String(body, "relationshipToPartner"));
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Customer(updated));
        });

        app.MapGet("/v1/customers/{id}/supportcontact", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, PartnerCenterJson.SupportContact(state.GetSupportContact(id))));

        app.MapPut("/v1/customers/{id}/supportcontact", async (HttpContext context, string id) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var contact = new SandboxSupportContact(
                JsonResponses.String(body, "supportTenantId") ?? string.Empty,
                JsonResponses.String(body, "supportMpnId") ?? string.Empty,
                JsonResponses.String(body, "name") ?? string.Empty);
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.SupportContact(state.SetSupportContact(id, contact)));
        });

        app.MapGet("/v1/customers/{id}/relationships", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200,
                PartnerCenterJson.Collection(state.ListIndirectResellers(id).Select(r => (JsonNode)PartnerCenterJson.PartnerRelationship(r)))));
    }

    private static SandboxCustomer Customer(SandboxState state, string id) =>
        state.FindCustomer(id) ?? throw new SandboxRuleException(404, "notFound",
            $"The customer '{id}' was not found. Check the tenant id.", 600002, "CustomerNotFound");

    private static int Size(HttpRequest request)
    {
        var raw = request.Query["size"].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
        {
            throw new SandboxRuleException(400, "badRequest", $"The size '{raw}' is invalid; use a whole number from 1 to {MaxPageSize}.", 400011, "InvalidInput");
        }

        return Math.Min(size, MaxPageSize);
    }

    private static JsonObject Link(string uri, string? continuationToken)
    {
        var headers = new JsonArray();
        if (continuationToken is not null)
        {
            headers.Add(new JsonObject { ["key"] = "MS-ContinuationToken", ["value"] = continuationToken });
        }

        return new JsonObject { ["uri"] = uri, ["method"] = "GET", ["headers"] = headers };
    }
}
