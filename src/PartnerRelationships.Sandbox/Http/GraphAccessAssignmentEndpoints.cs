using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Graph: …/delegatedAdminRelationships/{id}/accessAssignments.</summary>
internal static class GraphAccessAssignmentEndpoints
{
    private const int MaxPageSize = 300;

    /// <param name="pageSize">The page size without $top (SandboxOptions.AccessAssignmentPageSize).</param>
    public static void Map(IEndpointRouteBuilder app, SandboxState state, int pageSize)
    {
        const string collection = GraphRelationshipEndpoints.Collection + "/{id}/accessAssignments";

        // DocumentedBehaviour.ListAccessAssignments: paged, $top up to 300.
        app.MapGet(collection, (HttpContext context, string id) =>
        {
            var top = PageCursor.Top(context.Request, pageSize, MaxPageSize);
            var after = PageCursor.Decode(context.Request.Query["$skiptoken"], GraphRelationshipEndpoints.InvalidSkipToken);
            var (page, next) = state.ListAccessAssignments(id, after, top);
            return JsonResponses.WriteAsync(context, 200, GraphJson.Collection(
                context.Request, $"tenantRelationships/delegatedAdminRelationships('{id}')/accessAssignments",
                page.Select(GraphJson.AccessAssignment), next));
        });

        app.MapPost(collection, async (HttpContext context, string id) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var container = JsonResponses.Object(body, "accessContainer");
            var created = state.CreateAccessAssignment(
                id,
                JsonResponses.String(container, "accessContainerId"),
                JsonResponses.String(container, "accessContainerType"),
                JsonResponses.RoleIds(JsonResponses.Object(body, "accessDetails")));
            context.Response.Headers.Location = $"{GraphJson.BaseUrl(context.Request)}{GraphRelationshipEndpoints.Collection}/{id}/accessAssignments/{created.Id}";
            await JsonResponses.WriteAsync(context, 201, GraphJson.AccessAssignment(created));
        });

        app.MapGet(collection + "/{assignmentId}", (HttpContext context, string id, string assignmentId) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.AccessAssignment(state.GetAccessAssignment(id, assignmentId))));

        app.MapMethods(collection + "/{assignmentId}", new[] { "PATCH" }, async (HttpContext context, string id, string assignmentId) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var (original, operation) = state.UpdateAccessAssignment(
                id, assignmentId, context.Request.Headers.IfMatch.ToString(), JsonResponses.RoleIds(JsonResponses.Object(body, "accessDetails")));
            if (operation is null)
            {
                // DocumentedBehaviour.UpdateAccessAssignment: nothing changes → 200 with the original object.
                await JsonResponses.WriteAsync(context, 200, GraphJson.AccessAssignment(original));
                return;
            }

            // DocumentedBehaviour.UpdateAccessAssignment: 202 Accepted, Location → the operation, Retry-After, body {}.
            GraphRelationshipEndpoints.Accepted(context, state, id, operation);
            await JsonResponses.WriteAsync(context, 202, new System.Text.Json.Nodes.JsonObject());
        });

        app.MapDelete(collection + "/{assignmentId}", (HttpContext context, string id, string assignmentId) =>
        {
            state.DeleteAccessAssignment(id, assignmentId, context.Request.Headers.IfMatch.ToString());
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }
}
