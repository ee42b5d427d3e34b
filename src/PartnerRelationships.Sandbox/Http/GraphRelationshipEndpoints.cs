using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Graph: /v1.0/tenantRelationships/delegatedAdminRelationships, its requests and (in its own file) access assignments.</summary>
internal static class GraphRelationshipEndpoints
{
    public const string Collection = "/v1.0/tenantRelationships/delegatedAdminRelationships";
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 300;

    public static void Map(IEndpointRouteBuilder app, SandboxState state)
    {
        app.MapGet(Collection, context =>
        {
            var request = context.Request;
            var include = RelationshipFilter.Parse(request.Query["$filter"]);
            var top = PageCursor.Top(request, DefaultPageSize, MaxPageSize);
            var after = PageCursor.Decode(request.Query["$skiptoken"], InvalidSkipToken);
            var (page, next) = state.ListRelationships(include, after, top);
            return JsonResponses.WriteAsync(context, 200,
                GraphJson.Collection(request, "tenantRelationships/delegatedAdminRelationships", page.Select(GraphJson.Relationship), next));
        });

        app.MapPost(Collection, async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var created = state.CreateRelationship(Draft(body));
            context.Response.Headers.Location = $"{GraphJson.BaseUrl(context.Request)}{Collection}/{created.Id}";
            var answer = GraphJson.Relationship(created);
            answer["activatedDateTime"] = ""; // As the doc's example answers (DocumentedBehaviour.CreateRelationship): readers must survive it.
            await JsonResponses.WriteAsync(context, 201, answer);
        });

        app.MapGet(Collection + "/{id}", (HttpContext context, string id) =>
        {
            var r = state.FindRelationship(id) ?? throw SandboxRuleException.NotFound($"The delegated admin relationship '{id}' was not found. Check the id.");
            return JsonResponses.WriteAsync(context, 200, GraphJson.Relationship(r));
        });

        app.MapMethods(Collection + "/{id}", new[] { "PATCH" }, async (HttpContext context, string id) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var (updated, operation) = state.UpdateRelationship(id, context.Request.Headers.IfMatch.ToString(), Draft(body));
            if (operation is not null)
            {
                // DocumentedBehaviour.UpdateRelationship: removing Global Administrator from an active relationship.
                Accepted(context, state, id, operation);
                return;
            }

            await JsonResponses.WriteAsync(context, 200, GraphJson.Relationship(updated));
        });

        app.MapDelete(Collection + "/{id}", (HttpContext context, string id) =>
        {
            state.DeleteRelationship(id, context.Request.Headers.IfMatch.ToString());
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        app.MapPost(Collection + "/{id}/requests", async (HttpContext context, string id) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var request = state.CreateRequest(id, JsonResponses.String(body, "action"));
            context.Response.Headers.Location = $"{GraphJson.BaseUrl(context.Request)}{Collection}/{id}/requests/{request.Id}";
            await JsonResponses.WriteAsync(context, 201, GraphJson.Request(request));
        });

        app.MapGet(Collection + "/{id}/requests", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Collection(
                context.Request, $"tenantRelationships/delegatedAdminRelationships('{id}')/requests",
                state.ListRequests(id).Select(GraphJson.Request), null)));

        app.MapGet(Collection + "/{id}/operations", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Collection(
                context.Request, $"tenantRelationships/delegatedAdminRelationships('{id}')/operations",
                state.ListOperations(id).Select(GraphJson.Operation), null)));

        app.MapGet(Collection + "/{id}/operations/{operationId}", (HttpContext context, string id, string operationId) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Operation(state.GetOperation(id, operationId))));

        app.MapGet(Collection + "/{id}/requests/{requestId}", (HttpContext context, string id, string requestId) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Request(state.GetRequest(id, requestId))));
    }

    /// <summary>202 Accepted with Location (the operation) and Retry-After (DocumentedBehaviour.UpdateAccessAssignment / UpdateRelationship).</summary>
    internal static void Accepted(HttpContext context, SandboxState state, string relationshipId, SandboxRelationshipOperation operation)
    {
        context.Response.StatusCode = 202;
        context.Response.Headers.Location = $"{GraphJson.BaseUrl(context.Request)}{Collection}/{relationshipId}/operations/{operation.Id}";
        context.Response.Headers.RetryAfter = ((int)state.OperationRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static RelationshipDraft Draft(JsonObject body)
    {
        var customer = JsonResponses.Object(body, "customer");
        return new RelationshipDraft
        {
            DisplayName = JsonResponses.String(body, "displayName"),
            Duration = JsonResponses.String(body, "duration"),
            AutoExtendDuration = JsonResponses.String(body, "autoExtendDuration"),
            CustomerTenantId = JsonResponses.String(customer, "tenantId"),
            CustomerDisplayName = JsonResponses.String(customer, "displayName"),
            RoleDefinitionIds = JsonResponses.RoleIds(JsonResponses.Object(body, "accessDetails")),
        };
    }

    internal static SandboxRuleException InvalidSkipToken(string token) =>
        SandboxRuleException.BadRequest($"The $skiptoken '{token}' is invalid; follow @odata.nextLink exactly as returned.");
}
