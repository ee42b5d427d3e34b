using Microsoft.Extensions.Logging;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Turns rule violations into the service's error body; anything unexpected becomes a 500 in that shape.</summary>
internal sealed class ErrorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ErrorMiddleware> _logger;

    public ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
        var clientRequestId = context.Request.Headers["client-request-id"].ToString();
        if (!string.IsNullOrEmpty(clientRequestId))
        {
            context.Response.Headers["client-request-id"] = clientRequestId;
        }

        var correlation = context.Request.Headers["MS-CorrelationId"].ToString();
        if (!string.IsNullOrEmpty(correlation))
        {
            context.Response.Headers["MS-CorrelationId"] = correlation;
        }

        // Partner Center's answers carry the request's MS-RequestId back (headers page).
        var requestId = context.Request.Headers["MS-RequestId"].ToString();
        if (!string.IsNullOrEmpty(requestId))
        {
            context.Response.Headers["MS-RequestId"] = requestId;
        }

        try
        {
            await _next(context);
        }
        catch (SandboxRuleException ex)
        {
            await ServiceErrors.WriteAsync(context, ex.StatusCode, ex.GraphCode, ex.PartnerCenterCode, ex.ErrorName, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            await ServiceErrors.WriteAsync(context, 400, "badRequest", 400, "BadRequest", ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Unexpected sandbox error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await ServiceErrors.WriteAsync(context, 500, "generalException", 500, "InternalServerError", "Unexpected sandbox error: " + ex.Message);
        }
    }
}
