using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// An Entra-like token endpoint (client credentials) and its OpenID discovery document, so a real credential flow can
/// run against the sandbox where the client allows a custom authority.
/// </summary>
internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxState state)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context, string tenant) =>
        {
            if (!context.Request.HasFormContentType)
            {
                await WriteErrorAsync(context, new TokenRequestException(400, "invalid_request",
                    "AADSTS900144: The request body must be application/x-www-form-urlencoded with grant_type, client_id, client_secret and scope."));
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            try
            {
                var (token, expiresIn) = state.IssueToken(form["grant_type"], form["client_id"], form["client_secret"], form["scope"]);
                context.Response.Headers.CacheControl = "no-store, no-cache";
                await JsonResponses.WriteAsync(context, 200, new JsonObject
                {
                    ["token_type"] = "Bearer",
                    ["expires_in"] = expiresIn,
                    ["ext_expires_in"] = expiresIn,
                    ["access_token"] = token,
                });
            }
            catch (TokenRequestException ex)
            {
                await WriteErrorAsync(context, ex);
            }
        });

        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant) =>
        {
            var authority = $"{GraphJson.BaseUrl(context.Request)}/{tenant}";
            return JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["issuer"] = $"{authority}/v2.0",
                ["token_endpoint"] = $"{authority}/oauth2/v2.0/token",
                ["authorization_endpoint"] = $"{authority}/oauth2/v2.0/authorize",
                ["jwks_uri"] = $"{authority}/discovery/v2.0/keys",
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post"),
                ["grant_types_supported"] = new JsonArray("client_credentials"),
                ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
                ["subject_types_supported"] = new JsonArray("pairwise"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
                ["tenant_region_scope"] = "WW",
                ["cloud_instance_name"] = context.Request.Host.Host,
            });
        });
    }

    private static Task WriteErrorAsync(HttpContext context, TokenRequestException ex)
    {
        var code = ex.Message.StartsWith("AADSTS", StringComparison.Ordinal)
            ? int.Parse(ex.Message.Substring(6, ex.Message.IndexOf(':') - 6), System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        return JsonResponses.WriteAsync(context, ex.StatusCode, new JsonObject
        {
            ["error"] = ex.Error,
            ["error_description"] = ex.Message,
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        });
    }
}
