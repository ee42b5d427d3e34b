namespace PartnerRelationships.Sandbox.Http;

/// <summary>Writes an error in the shape of the service the request was for.</summary>
internal static class ServiceErrors
{
    public static Task WriteAsync(HttpContext context, int status, string graphCode, int partnerCenterCode, string errorName, string message)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        // Not Response.Clear(): that would also drop Retry-After, request-id and the other headers set on the way in.
        context.Response.Headers.Remove("Location");
        return ServiceKinds.Classify(context.Request.Path) == ServiceKind.PartnerCenter
            ? PartnerCenterErrors.WriteAsync(context, status, partnerCenterCode == 0 ? status : partnerCenterCode, errorName, message)
            : GraphErrors.WriteAsync(context, status, graphCode, message);
    }
}
