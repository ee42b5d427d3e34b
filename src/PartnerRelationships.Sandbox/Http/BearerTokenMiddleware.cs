using PartnerRelationships.Sandbox.SignIn;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// Every Graph and Partner Center call needs a bearer token the sandbox issued (or a static one); else 401. An app-only
/// token on a Partner Center call documented for App+User only is refused with 403.
/// </summary>
internal sealed class BearerTokenMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SandboxState _state;

    public BearerTokenMiddleware(RequestDelegate next, SandboxState state)
    {
        _next = next;
        _state = state;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var kind = ServiceKinds.Classify(context.Request.Path);
        if (kind is not (ServiceKind.Graph or ServiceKind.PartnerCenter))
        {
            return _next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header.Substring(7).Trim() : null;
        var message = _state.CheckToken(token, out var tokenKind) switch
        {
            TokenCheck.Valid => null,
            TokenCheck.Missing => "Access token is empty.",
            TokenCheck.Expired => "Lifetime validation failed, the token is expired.",
            _ => "Access token validation failure. The token was not issued by this sandbox.",
        };
        if (message is null)
        {
            if (kind == ServiceKind.PartnerCenter && tokenKind == TokenKind.AppOnly
                && AppUserOnlyRoutes.Match(context.Request.Method, context.Request.Path.Value ?? string.Empty) is { } call)
            {
                // Undocumented answer (the docs only say app-only is not supported there): see docs/wire-contract.md.
                return PartnerCenterErrors.WriteAsync(context, 403, 403, "Forbidden",
                    $"This resource can't be accessed by application credentials: {call} supports App+User authentication only.");
            }

            return _next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"\", authorization_uri=\"/common/oauth2/v2.0/authorize\"";
        return ServiceErrors.WriteAsync(context, 401, "InvalidAuthenticationToken", 401, "Unauthorized", message);
    }
}
