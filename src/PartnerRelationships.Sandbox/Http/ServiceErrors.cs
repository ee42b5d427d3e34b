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

        context.Response.Clear();
        return ServiceKinds.Classify(context.Request.Path) == ServiceKind.PartnerCenter
            ? PartnerCenterErrors.WriteAsync(context, status, partnerCenterCode == 0 ? status : partnerCenterCode, errorName, message)
            : GraphErrors.WriteAsync(context, status, graphCode, message);
    }
}
