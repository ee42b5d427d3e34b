using System;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// The app registration every sandbox has from the start (its README names it). Its secret is public by design: the
/// sandbox only listens on loopback and holds no real customer. Used when a sandbox connection names no sign-in.
/// </summary>
public static class SandboxBuiltInApp
{
    public const string ClientId = "00000000-0000-0000-0000-00000000a11c";

    public const string ClientSecret = "sandbox-secret";

    /// <summary>The tenant in the token request when nothing names one (the sandbox issues tokens for any).</summary>
    public const string DefaultTenant = "organizations";

    /// <summary>
    /// Whether a sandbox connection with these settings should sign in as the built-in app: nothing chose a sign-in
    /// mode (Interactive is the default, and the sandbox has no browser), and no other app is named.
    /// </summary>
    public static bool Applies(AuthSettings auth)
    {
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        return auth.Mode == AuthMode.Interactive
            && (string.IsNullOrWhiteSpace(auth.ClientId) || string.Equals(auth.ClientId, ClientId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The sign-in as the built-in app; the tenant stays what was given (else the partner's, else any).</summary>
    public static AuthSettings SignIn(AuthSettings auth, string? partnerTenantId)
    {
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        return new AuthSettings
        {
            Mode = AuthMode.ClientSecret,
            ClientId = ClientId,
            TenantId = !string.IsNullOrWhiteSpace(auth.TenantId) ? auth.TenantId
                : !string.IsNullOrWhiteSpace(partnerTenantId) ? partnerTenantId : DefaultTenant,
        };
    }
}
