using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// What Entra ID's v2.0 endpoints and a managed-identity endpoint offer a client: token (client credentials with a
/// secret or certificate assertion, refresh token, device code, authorization code), devicecode, authorize, discovery
/// and keys; and the App Service / Azure Automation managed-identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER).
/// </summary>
internal static class TokenEndpoints
{
    /// <summary>Where the managed-identity endpoint lives (what IDENTITY_ENDPOINT points at).</summary>
    public const string ManagedIdentityPath = "/msi/token";

    public static void Map(IEndpointRouteBuilder app, SandboxState state)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context, string tenant) =>
        {
            var form = await ReadFormAsync(context);
            if (form is null)
            {
                return;
            }

            await AnswerAsync(context, () =>
            {
                context.Response.Headers.CacheControl = "no-store, no-cache";
                var endpoint = new Uri(GraphJson.BaseUrl(context.Request) + context.Request.Path);
                return state.RedeemToken(form, GraphJson.BaseUrl(context.Request), tenant, endpoint);
            });
        });

        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", async (HttpContext context, string tenant) =>
        {
            var form = await ReadFormAsync(context);
            if (form is not null)
            {
                await AnswerAsync(context, () => state.StartDeviceCode(form.GetValueOrDefault("client_id"), form.GetValueOrDefault("scope")));
            }
        });

        // The partner admin is signed in already: the sandbox redirects back with a code at once (no page to click).
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", async (HttpContext context, string tenant) =>
        {
            var q = context.Request.Query;
            try
            {
                var code = state.Authorize(q["client_id"], q["redirect_uri"], q["scope"], NullIfEmpty(q["code_challenge"]), NullIfEmpty(q["code_challenge_method"]));
                var state_ = q["state"].ToString();
                var separator = q["redirect_uri"].ToString().Contains('?') ? '&' : '?';
                context.Response.Redirect($"{q["redirect_uri"]}{separator}code={Uri.EscapeDataString(code)}{(state_.Length > 0 ? "&state=" + Uri.EscapeDataString(state_) : "")}");
            }
            catch (TokenRequestException ex)
            {
                await WriteErrorAsync(context, ex);
            }
        });

        app.MapGet("/{tenant}/discovery/v2.0/keys", context => JsonResponses.WriteAsync(context, 200, state.SigningKeys()));

        app.MapGet(ManagedIdentityPath, context =>
        {
            var q = context.Request.Query;
            return AnswerAsync(context, () => state.ManagedIdentityToken(
                context.Request.Headers["X-IDENTITY-HEADER"].ToString(),
                q["resource"].ToString(),
                NullIfEmpty(q["client_id"]),
                GraphJson.BaseUrl(context.Request)));
        });

        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant) =>
        {
            var authority = $"{GraphJson.BaseUrl(context.Request)}/{tenant}";
            return JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["issuer"] = $"{authority}/v2.0",
                ["token_endpoint"] = $"{authority}/oauth2/v2.0/token",
                ["authorization_endpoint"] = $"{authority}/oauth2/v2.0/authorize",
                ["device_authorization_endpoint"] = $"{authority}/oauth2/v2.0/devicecode",
                ["jwks_uri"] = $"{authority}/discovery/v2.0/keys",
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt"),
                ["grant_types_supported"] = new JsonArray("client_credentials", "refresh_token", "authorization_code", "urn:ietf:params:oauth:grant-type:device_code"),
                ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
                ["subject_types_supported"] = new JsonArray("pairwise"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
                ["tenant_region_scope"] = "WW",
                ["cloud_instance_name"] = context.Request.Host.Host,
            });
        });
    }

    private static async Task<Dictionary<string, string?>?> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await WriteErrorAsync(context, new TokenRequestException(400, "invalid_request",
                "AADSTS900144: The request body must be application/x-www-form-urlencoded."));
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return form.ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
    }

    private static async Task AnswerAsync(HttpContext context, Func<JsonObject> answer)
    {
        JsonObject body;
        try
        {
            body = answer();
        }
        catch (TokenRequestException ex)
        {
            await WriteErrorAsync(context, ex);
            return;
        }

        await JsonResponses.WriteAsync(context, 200, body);
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();

    private static Task WriteErrorAsync(HttpContext context, TokenRequestException ex)
    {
        var code = ex.Message.StartsWith("AADSTS", StringComparison.Ordinal) && ex.Message.IndexOf(':') > 6
            && int.TryParse(ex.Message.AsSpan(6, ex.Message.IndexOf(':') - 6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
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
