using System.Globalization;
using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// Partner Center REST: the routes of <see cref="PartnerCenterRoutes"/>, each answering as its doc page says (the
/// table names the page and the rules; this file only carries them out).
/// </summary>
internal static class PartnerCenterEndpoints
{
    private const int DefaultPageSize = 500;
    private const int MaxPageSize = 500;

    public static void Map(IEndpointRouteBuilder app, SandboxState state, SandboxOptions options)
    {
        Route(app, PartnerCenterRoutes.RelationshipRequest, context =>
            JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["url"] = $"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={Uri.EscapeDataString(options.PartnerTenantId)}&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
                ["attributes"] = PartnerCenterJson.Attributes("RelationshipRequest"),
            }));

        Route(app, PartnerCenterRoutes.Customers, context =>
        {
            var size = Size(context.Request);
            var token = context.Request.Headers["MS-ContinuationToken"].ToString();
            var after = PageCursor.Decode(token, t => new SandboxRuleException(400, "badRequest",
                "The MS-ContinuationToken is invalid; send the continuationToken from the previous page unchanged.", 400012, "InvalidContinuationToken"));
            var (page, next) = state.ListCustomers(c => c.IsResellerCustomer, after, size);
            var body = PartnerCenterJson.Collection(page.Select(c => (JsonNode)PartnerCenterJson.Customer(c)));
            var query = $"customers?size={size.ToString(CultureInfo.InvariantCulture)}";
            var links = new JsonObject { ["self"] = PartnerCenterJson.Link("/v1/" + query, "GET") };
            if (next is { } n)
            {
                var continuation = PageCursor.Encode(n);
                body["continuationToken"] = continuation;
                links["next"] = PartnerCenterJson.Link("/" + query + "&seekOperation=Next", "GET", continuation);
            }

            body["links"] = links;
            return JsonResponses.WriteAsync(context, 200, body);
        });

        Route(app, PartnerCenterRoutes.Customer, context =>
            JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Customer(Customer(state, Id(context)))));

        Route(app, PartnerCenterRoutes.RemoveReseller, async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var objectType = PartnerCenterJson.String(PartnerCenterJson.Property(body, "attributes") as JsonObject, "objectType");
            if (!string.Equals(objectType, "Customer", StringComparison.OrdinalIgnoreCase))
            {
                throw SandboxRuleException.PartnerCenterClassic(400, 3000,
                    "Invalid property: the body must be a Customer resource, {\"relationshipToPartner\":\"none\",\"attributes\":{\"objectType\":\"Customer\"}}.");
            }

            var updated = state.UpdateRelationshipToPartner(Id(context), PartnerCenterJson.String(body, "relationshipToPartner"));
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.RemovedReseller(updated));
        });

        Route(app, PartnerCenterRoutes.Subscriptions, context =>
        {
            var customer = Customer(state, Id(context));
            var subscriptions = state.ListSubscriptions(customer.TenantId);
            return JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Collection(
                subscriptions.Select(s => (JsonNode)PartnerCenterJson.Subscription(customer.TenantId, s, customer.HasActiveSubscriptions))));
        });

        Route(app, PartnerCenterRoutes.GetSupportContact, context =>
        {
            var (customerId, subscriptionId) = (Id(context), SubscriptionId(context));
            var contact = state.GetSupportContact(customerId, subscriptionId)
                          ?? throw SandboxRuleException.PartnerCenterClassic(404, 1000, $"Not found: no support contact is set for subscription '{subscriptionId}'.");
            return JsonResponses.WriteAsync(context, 200, PartnerCenterJson.SupportContact(customerId, subscriptionId, contact));
        });

        Route(app, PartnerCenterRoutes.UpdateSupportContact, async context =>
        {
            var (customerId, subscriptionId) = (Id(context), SubscriptionId(context));
            var body = await JsonResponses.ReadObjectAsync(context);
            var contact = new SandboxSupportContact(
                PartnerCenterJson.String(body, "supportTenantId") ?? string.Empty,
                PartnerCenterJson.String(body, "supportMpnId") ?? string.Empty,
                PartnerCenterJson.String(body, "name") ?? string.Empty);
            var stored = state.SetSupportContact(customerId, subscriptionId, contact);
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.SupportContact(customerId, subscriptionId, stored));
        });

        Route(app, PartnerCenterRoutes.IndirectResellers, context =>
        {
            var resellers = state.ListIndirectResellers(Id(context));
            return resellers.Count == 0
                ? JsonResponses.WriteAsync(context, 200, null)
                : JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Collection(resellers.Select(r => (JsonNode)PartnerCenterJson.PartnerRelationship(r))));
        });
    }

    private static void Route(IEndpointRouteBuilder app, PartnerCenterRoute route, RequestDelegate handler) =>
        app.MapMethods(route.Template, new[] { route.Method }, handler).WithMetadata(route);

    private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    private static string SubscriptionId(HttpContext context) => (string)context.Request.RouteValues["subscriptionId"]!;

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
}
