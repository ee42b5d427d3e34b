using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Graph: …/delegatedAdminRelationships/{id}/accessAssignments.</summary>
internal static class GraphAccessAssignmentEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxState state)
    {
        const string collection = GraphRelationshipEndpoints.Collection + "/{id}/accessAssignments";

        app.MapGet(collection, (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Collection(
                context.Request, $"tenantRelationships/delegatedAdminRelationships('{id}')/accessAssignments",
                state.ListAccessAssignments(id).Select(GraphJson.AccessAssignment), null)));

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
            var updated = state.UpdateAccessAssignment(
                id, assignmentId, context.Request.Headers.IfMatch.ToString(), JsonResponses.RoleIds(JsonResponses.Object(body, "accessDetails")));
            await JsonResponses.WriteAsync(context, 200, GraphJson.AccessAssignment(updated));
        });

        app.MapDelete(collection + "/{assignmentId}", (HttpContext context, string id, string assignmentId) =>
        {
            state.DeleteAccessAssignment(id, assignmentId, context.Request.Headers.IfMatch.ToString());
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }
}
