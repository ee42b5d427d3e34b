using System;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// The Microsoft 365 admin center each cloud's customers sign in to; invite links point there.
/// </summary>
/// <remarks>
/// Sources (checked 2025, public docs and admin-center bookmarks; none states the invite path per cloud):
/// Global and GCC (Moderate) use admin.microsoft.com; GCC High uses portal.office365.us; DoD uses
/// portal.apps.mil; Office 365 operated by 21Vianet uses portal.partner.microsoftonline.cn.
/// Uncertain: whether the US Government and China admin centers serve the same
/// <c>/Adminportal/Home?invType=…#/BillingAccounts/partner-invitation</c> route as the global one. Partner Center for
/// those clouds hands out its own link; prefer it when in doubt and report a mismatch here.
/// </remarks>
public static class AdminPortalHosts
{
    /// <summary>The admin center origin (scheme and host, no trailing slash) for a cloud.</summary>
    public static string For(CloudEnvironment cloud) => cloud switch
    {
        CloudEnvironment.Global => "https://admin.microsoft.com",
        CloudEnvironment.USGovernment => "https://portal.office365.us",
        CloudEnvironment.USGovernmentDoD => "https://portal.apps.mil",
        CloudEnvironment.China => "https://portal.partner.microsoftonline.cn",
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "Unknown cloud environment."),
    };
}
