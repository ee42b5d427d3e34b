using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Graph: /v1.0/tenantRelationships/delegatedAdminCustomers and /v1.0/contracts.</summary>
internal static class GraphCustomerEndpoints
{
    private const string Customers = "/v1.0/tenantRelationships/delegatedAdminCustomers";
    private const string Contracts = "/v1.0/contracts";

    public static void Map(IEndpointRouteBuilder app, SandboxState state)
    {
        app.MapGet(Customers, context =>
        {
            var top = PageCursor.Top(context.Request, 100, 300);
            var after = PageCursor.Decode(context.Request.Query["$skiptoken"], GraphRelationshipEndpoints.InvalidSkipToken);
            var (page, next) = state.ListDelegatedAdminCustomers(after, top);
            return JsonResponses.WriteAsync(context, 200,
                GraphJson.Collection(context.Request, "tenantRelationships/delegatedAdminCustomers", page.Select(GraphJson.DelegatedAdminCustomer), next));
        });

        app.MapGet(Customers + "/{id}", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.DelegatedAdminCustomer(state.GetDelegatedAdminCustomer(id))));

        app.MapGet(Contracts, context =>
        {
            var top = PageCursor.Top(context.Request, 100, 999);
            var after = PageCursor.Decode(context.Request.Query["$skiptoken"], GraphRelationshipEndpoints.InvalidSkipToken);
            var (page, next) = state.ListCustomers(c => c.IsResellerCustomer, after, top);
            return JsonResponses.WriteAsync(context, 200, GraphJson.Collection(context.Request, "contracts", page.Select(GraphJson.Contract), next));
        });
    }
}
