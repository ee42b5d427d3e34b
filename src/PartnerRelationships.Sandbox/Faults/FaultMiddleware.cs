using PartnerRelationships.Sandbox.Http;

namespace PartnerRelationships.Sandbox.Faults;

/// <summary>Applies the injector's decision to API calls (never to /_sandbox controls; to the token endpoint only if configured).</summary>
internal sealed class FaultMiddleware
{
    private readonly RequestDelegate _next;
    private readonly FaultInjector _injector;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public FaultMiddleware(RequestDelegate next, FaultInjector injector, SandboxOptions options)
    {
        _next = next;
        _injector = injector;
        _delay = options.Delay;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var kind = ServiceKinds.Classify(context.Request.Path);
        var applies = kind is ServiceKind.Graph or ServiceKind.PartnerCenter
                      || (kind == ServiceKind.Token && _injector.Settings.ApplyToTokenEndpoint);
        if (!applies)
        {
            await _next(context);
            return;
        }

        var decision = _injector.Decide(IsCreate(context.Request), context.Request.Path.Value ?? "");
        if (decision.Latency > TimeSpan.Zero)
        {
            await _delay(decision.Latency, context.RequestAborted);
        }

        if (decision.ThrottleRetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ServiceErrors.WriteAsync(context, 429, "TooManyRequests", 429, "TooManyRequests",
                $"Too many requests; the sandbox throttle allows {_injector.Settings.ThrottleRequestsPerSecond} per second. Retry after {retryAfter} seconds.");
            return;
        }

        if (decision.ServerErrorStatus is { } status)
        {
            var (code, message) = status == 503
                ? ("serviceNotAvailable", "The service is temporarily unavailable (injected by the sandbox). Retry later.")
                : ("generalException", "An internal server error occurred (injected by the sandbox).");
            await ServiceErrors.WriteAsync(context, status, code, status, code, message);
            return;
        }

        if (decision.DropConnection)
        {
            context.Abort();
            return;
        }

        if (decision.LoseCreateResponse)
        {
            // Do the create for real, but swallow the response and cut the connection: the client can't know it worked.
            var original = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await _next(context);
            }
            finally
            {
                context.Response.Body = original;
                context.Abort();
            }

            return;
        }

        await _next(context);
    }

    /// <summary>POSTs that create a relationship or an access assignment.</summary>
    private static bool IsCreate(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return false;
        }

        var path = request.Path.Value?.TrimEnd('/') ?? string.Empty;
        return path.Equals(GraphRelationshipEndpoints.Collection, StringComparison.OrdinalIgnoreCase)
               || path.EndsWith("/accessAssignments", StringComparison.OrdinalIgnoreCase);
    }
}
