using System;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Base addresses of the three services for one cloud. Graph includes the API version (…/v1.0); Partner Center and
/// Login are roots. Resolve once per connection: defaults per cloud, then config overrides, then a sandbox.
/// </summary>
public sealed record CloudEndpoints
{
    public required CloudEnvironment Cloud { get; init; }
    public required Uri Graph { get; init; }
    public required Uri PartnerCenter { get; init; }
    public required Uri Login { get; init; }

    /// <summary>Token scope for Graph (the cloud's Graph resource, not the sandbox address).</summary>
    public required string GraphScope { get; init; }

    /// <summary>Token scope for Partner Center.</summary>
    public required string PartnerCenterScope { get; init; }

    /// <summary>True when everything points at the local sandbox.</summary>
    public bool IsSandbox { get; init; }

    /// <summary>GDAP (delegated admin relationships) exists only in the global and US Government clouds.</summary>
    public bool SupportsGranularAdmin => Cloud != CloudEnvironment.China;

    public static CloudEndpoints For(CloudEnvironment cloud) => cloud switch
    {
        CloudEnvironment.Global => Make(cloud, "https://graph.microsoft.com", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.com"),
        // Partner Center for US Government uses the same REST host as the global one (public "REST URLs" doc).
        CloudEnvironment.USGovernment => Make(cloud, "https://graph.microsoft.us", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.us"),
        CloudEnvironment.USGovernmentDoD => Make(cloud, "https://dod-graph.microsoft.us", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.us"),
        CloudEnvironment.China => Make(cloud, "https://microsoftgraph.chinacloudapi.cn", "https://partner.partnercenterapi.microsoftonline.cn", "https://login.chinacloudapi.cn"),
        _ => throw new PartnerRelationshipsException(ErrorIds.Remote.UnknownCloud, ErrorKind.InvalidArgument, $"Unknown cloud '{cloud}'. Use Global, USGovernment, USGovernmentDoD or China.", cloud),
    };

    /// <summary>The cloud's defaults, then the config's overrides, then (strongest) a sandbox base address.</summary>
    public static CloudEndpoints Resolve(CloudEnvironment cloud, EndpointSettings? overrides = null, Uri? sandbox = null)
    {
        var endpoints = For(cloud);
        if (overrides is not null)
        {
            endpoints = endpoints with
            {
                Graph = overrides.Graph is null ? endpoints.Graph : WithGraphVersion(overrides.Graph),
                PartnerCenter = overrides.PartnerCenter ?? endpoints.PartnerCenter,
                Login = overrides.Login ?? endpoints.Login,
            };

            // A configuration that points every service at plain http on this machine is a sandbox too (only the
            // sandbox serves these APIs there), so the session says so.
            endpoints = endpoints with { IsSandbox = IsLocalPlainHttp(endpoints.Graph) && IsLocalPlainHttp(endpoints.PartnerCenter) && IsLocalPlainHttp(endpoints.Login) };
        }

        if (sandbox is not null)
        {
            if (!sandbox.IsAbsoluteUri)
            {
                throw new PartnerRelationshipsException(ErrorIds.Remote.InvalidSandboxUri, ErrorKind.InvalidArgument, $"The sandbox address '{sandbox}' must be absolute, e.g. http://localhost:5080.", sandbox);
            }

            var root = new Uri(sandbox.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
            endpoints = endpoints with
            {
                Graph = new Uri(root, "v1.0/"),
                PartnerCenter = root,
                Login = root,
                IsSandbox = true,
            };
        }

        return endpoints;
    }

    /// <summary>Fails with a clear error when the cloud has no GDAP.</summary>
    public void EnsureGranularAdminAvailable()
    {
        if (!SupportsGranularAdmin)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Remote.NotAvailableInCloud,
                ErrorKind.NotEnabled,
                $"Granular delegated admin (GDAP) relationships are not available in the {Cloud} cloud; Microsoft offers them only in the Global and US Government clouds.",
                Cloud);
        }
    }

    private static CloudEndpoints Make(CloudEnvironment cloud, string graph, string partnerCenter, string login) => new()
    {
        Cloud = cloud,
        Graph = new Uri(graph + "/v1.0/"),
        PartnerCenter = new Uri(partnerCenter + "/"),
        Login = new Uri(login + "/"),
        GraphScope = graph + "/.default",
        PartnerCenterScope = "https://api.partnercenter.microsoft.com/.default",
    };

    private static bool IsLocalPlainHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    /// <summary>An override may or may not name the version; the SDK needs it in the base address.</summary>
    private static Uri WithGraphVersion(Uri graph)
    {
        var text = graph.ToString().TrimEnd('/');
        return text.EndsWith("/v1.0", StringComparison.OrdinalIgnoreCase) || text.EndsWith("/beta", StringComparison.OrdinalIgnoreCase)
            ? new Uri(text + "/")
            : new Uri(text + "/v1.0/");
    }
}
