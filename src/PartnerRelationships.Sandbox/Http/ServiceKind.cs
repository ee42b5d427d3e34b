namespace PartnerRelationships.Sandbox.Http;

/// <summary>Which emulated service a request is for; decides auth, faults and the error body shape.</summary>
internal enum ServiceKind
{
    Other,
    Graph,
    PartnerCenter,
    Token,
    Control,
}

internal static class ServiceKinds
{
    public static ServiceKind Classify(PathString path)
    {
        if (path.StartsWithSegments("/_sandbox"))
        {
            return ServiceKind.Control;
        }

        if (path.StartsWithSegments("/v1.0"))
        {
            return ServiceKind.Graph;
        }

        if (path.StartsWithSegments("/v1"))
        {
            return ServiceKind.PartnerCenter;
        }

        var value = path.Value ?? string.Empty;
        if (value.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase) || value.StartsWith(TokenEndpoints.ManagedIdentityPath, StringComparison.OrdinalIgnoreCase)
            || value.Contains("/discovery/", StringComparison.OrdinalIgnoreCase) || value.Contains("/.well-known/", StringComparison.OrdinalIgnoreCase))
        {
            return ServiceKind.Token;
        }

        return ServiceKind.Other;
    }
}
