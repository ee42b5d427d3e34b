using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Graph: GET /v1.0/groups/{id}, enough to tell whether a partner security group still exists.</summary>
internal static class GraphGroupEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxState state)
    {
        app.MapGet("/v1.0/groups/{id}", (HttpContext context, string id) =>
        {
            var group = state.GetGroup(id);
            return JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["@odata.context"] = $"{GraphJson.BaseUrl(context.Request)}/v1.0/$metadata#groups/$entity",
                ["id"] = group.Id,
                ["displayName"] = group.DisplayName,
                ["securityEnabled"] = true,
                ["mailEnabled"] = false,
            });
        });
    }
}
