using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.Faults;
using PartnerRelationships.Sandbox.Seeding;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// /_sandbox: act as the customer (approve, reject, terminate, accept the reseller link, remove admin rights), move
/// the clock, set faults, seed, inspect and reset. No token needed; never subject to faults.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxState state, FaultInjector faults)
    {
        var group = app.MapGroup("/_sandbox");

        group.MapPost("/relationships/{id}/approve", async (HttpContext context, string id) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var r = state.ApproveRelationship(id, JsonResponses.String(body, "tenantId"), JsonResponses.String(body, "displayName"));
            await JsonResponses.WriteAsync(context, 200, GraphJson.Relationship(r));
        });
        group.MapPost("/relationships/{id}/reject", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Relationship(state.RejectRelationship(id))));
        group.MapPost("/relationships/{id}/terminate", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Relationship(state.TerminateFromCustomer(id))));
        group.MapPost("/relationships/{id}/expire", (HttpContext context, string id) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Relationship(state.ExpireRelationship(id))));

        group.MapPost("/relationships/{id}/requests/{requestId}/fail", (HttpContext context, string id, string requestId) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Request(state.FailRequest(id, requestId))));
        group.MapPost("/relationships/{id}/operations/{operationId}/fail", (HttpContext context, string id, string operationId) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.Operation(state.FailOperation(id, operationId))));

        // An indirect provider's relationship for a reseller, as it shows in the partner's list (resellerDelegatedAdminRelationship).
        group.MapPost("/reseller-relationships", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var r = state.AddResellerRelationship(
                JsonResponses.String(body, "displayName"),
                JsonResponses.String(body, "tenantId"),
                JsonResponses.String(body, "customerDisplayName"),
                JsonResponses.String(body, "indirectProviderTenantId"),
                JsonResponses.Bool(body, "isPartnerConsentPending") ?? true,
                JsonResponses.String(body, "status") ?? RelationshipStatus.ApprovalPending,
                JsonResponses.RoleIds(JsonResponses.Object(body, "accessDetails")));
            await JsonResponses.WriteAsync(context, 201, GraphJson.Relationship(r));
        });

        group.MapPost("/relationships/{id}/accessAssignments/{assignmentId}/fail", (HttpContext context, string id, string assignmentId) =>
            JsonResponses.WriteAsync(context, 200, GraphJson.AccessAssignment(state.FailAccessAssignment(id, assignmentId))));

        group.MapPost("/groups/{groupId}/delete", (HttpContext context, string groupId) =>
        {
            state.DeleteGroup(groupId);
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        group.MapPost("/customers/accept-reseller", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var customer = state.AcceptResellerLink(
                JsonResponses.String(body, "displayName"),
                JsonResponses.String(body, "tenantId"),
                JsonResponses.String(body, "domain"),
                JsonResponses.String(body, "indirectResellerId"),
                JsonResponses.String(body, "indirectResellerName"),
                JsonResponses.Bool(body, "hasActiveSubscriptions") ?? false);
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Customer(customer));
        });
        group.MapPost("/customers/{tenantId}/remove-admin", async (HttpContext context, string tenantId) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var customer = state.RemoveAdminRights(tenantId, reassignTo: null, JsonResponses.Bool(body, "terminateGdap") ?? true);
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Customer(customer));
        });
        group.MapPost("/customers/{tenantId}/reassign-admin", async (HttpContext context, string tenantId) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var customer = state.RemoveAdminRights(
                tenantId, JsonResponses.String(body, "partnerName") ?? "another partner", JsonResponses.Bool(body, "terminateGdap") ?? true);
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Customer(customer));
        });
        group.MapPost("/customers/{tenantId}/subscriptions", async (HttpContext context, string tenantId) =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var customer = state.SetActiveSubscriptions(tenantId, JsonResponses.Bool(body, "active") ?? true);
            await JsonResponses.WriteAsync(context, 200, PartnerCenterJson.Customer(customer));
        });

        group.MapGet("/clock", context => JsonResponses.WriteAsync(context, 200, Clock(state)));
        group.MapPost("/clock/advance", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var seconds = JsonResponses.Number(body, "seconds") ?? 0;
            if (seconds < 0 || double.IsNaN(seconds))
            {
                throw SandboxRuleException.BadRequest("seconds must be 0 or more; the sandbox clock only moves forward.");
            }

            state.Clock.Advance(TimeSpan.FromSeconds(seconds));
            await JsonResponses.WriteAsync(context, 200, Clock(state));
        });
        group.MapPost("/process", context =>
        {
            state.CompletePendingWork();
            return JsonResponses.WriteAsync(context, 200, Clock(state));
        });

        group.MapGet("/faults", context => JsonResponses.WriteAsync(context, 200, Faults(faults.Settings)));
        group.MapPut("/faults", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            try
            {
                faults.Settings = new FaultSettings
                {
                    ThrottleRequestsPerSecond = JsonResponses.Number(body, "throttleRps") ?? 0,
                    ServerErrorProbability = JsonResponses.Number(body, "serverErrorProbability") ?? 0,
                    DropProbability = JsonResponses.Number(body, "dropProbability") ?? 0,
                    LatencyMilliseconds = (int)(JsonResponses.Number(body, "latencyMs") ?? 0),
                    LostCreateProbability = JsonResponses.Number(body, "lostCreateProbability") ?? 0,
                    Seed = (int)(JsonResponses.Number(body, "seed") ?? 1),
                    ApplyToTokenEndpoint = JsonResponses.Bool(body, "applyToTokenEndpoint") ?? false,
                    FailPathContaining = JsonResponses.String(body, "failPathContaining"),
                };
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw SandboxRuleException.BadRequest(ex.Message);
            }

            await JsonResponses.WriteAsync(context, 200, Faults(faults.Settings));
        });

        group.MapPost("/seed", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var count = (int)(JsonResponses.Number(body, "customers") ?? 0);
            if (count < 0)
            {
                throw SandboxRuleException.BadRequest("customers must be 0 or more.");
            }

            var added = SandboxSeeder.Generate(state, count, (int)(JsonResponses.Number(body, "seed") ?? 1));
            await JsonResponses.WriteAsync(context, 200, new JsonObject { ["customersAdded"] = added });
        });

        group.MapPost("/apps", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var clientId = JsonResponses.String(body, "clientId");
            var secret = JsonResponses.String(body, "clientSecret");
            var certificate = JsonResponses.String(body, "certificate");
            if (string.IsNullOrWhiteSpace(clientId) || (string.IsNullOrEmpty(secret) && string.IsNullOrEmpty(certificate)))
            {
                throw SandboxRuleException.BadRequest("clientId and a clientSecret or certificate (base64 DER or PEM, public part) are required.");
            }

            if (!string.IsNullOrEmpty(secret))
            {
                state.RegisterApp(clientId!, secret!);
            }

            if (!string.IsNullOrEmpty(certificate))
            {
                state.RegisterAppCertificate(clientId!, SignInControlEndpoints.ReadCertificate(certificate!));
            }

            await JsonResponses.WriteAsync(context, 200, new JsonObject { ["clientId"] = clientId });
        });

        SignInControlEndpoints.Map(group, state);

        group.MapGet("/state", context =>
            JsonResponses.WriteAsync(context, 200, JsonSerializer.SerializeToNode(state.Summary(), JsonSerializerOptions.Web)));

        group.MapPost("/reset", context =>
        {
            state.Reset();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }

    private static JsonObject Clock(SandboxState state) => new() { ["now"] = JsonResponses.Date(state.Now) };

    private static JsonObject Faults(FaultSettings s) => new()
    {
        ["throttleRps"] = s.ThrottleRequestsPerSecond,
        ["serverErrorProbability"] = s.ServerErrorProbability,
        ["dropProbability"] = s.DropProbability,
        ["latencyMs"] = s.LatencyMilliseconds,
        ["lostCreateProbability"] = s.LostCreateProbability,
        ["seed"] = s.Seed,
        ["applyToTokenEndpoint"] = s.ApplyToTokenEndpoint,
        ["failPathContaining"] = s.FailPathContaining,
    };
}
