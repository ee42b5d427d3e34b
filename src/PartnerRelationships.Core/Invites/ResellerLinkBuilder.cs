using System;
using System.Linq;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// Builds the personalised links a customer follows: the reseller relationship request (the same link Partner
/// Center's "Request a reseller relationship" and GET /v1/customers/relationshiprequests hand out) and the approval
/// link of a granular admin relationship.
/// </summary>
public static class ResellerLinkBuilder
{
    private const string InvitationFragment = "#/BillingAccounts/partner-invitation";

    /// <summary>The reseller link for the configured partner, cloud and link options.</summary>
    public static string ForConfig(PartnerRelationshipsConfig config)
    {
        if (config is null)
        {
            throw new ArgumentNullException(nameof(config));
        }

        return ResellerLink(config.Partner, config.Cloud, config.Invites.RequestDelegatedAdmin, config.Invites.ShowMpnIdInLink);
    }

    /// <summary>
    /// Why the link Partner Center hands out (GET /v1/customers/relationshiprequests: always the partner's own direct
    /// link, no parameters documented) does not fit this configuration, or null when it does. An indirect-reseller
    /// invite must never silently become a direct one, so it always uses the composed link.
    /// </summary>
    public static string? WhyServiceLinkDoesNotApply(PartnerRelationshipsConfig config)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        if (config.Partner.InvitesForIndirectReseller)
        {
            return "The invite is on behalf of the indirect reseller partner.indirectResellerTenantId; Partner Center's " +
                   "relationship request call gives only your own direct link, so the indirect-reseller link is composed from the configuration.";
        }

        if (config.Invites.RequestDelegatedAdmin)
        {
            return "invites.requestDelegatedAdmin asks for DAP=true, which Partner Center's link does not carry; the link is composed from the configuration.";
        }

        if (config.Invites.ShowMpnIdInLink)
        {
            return "invites.showMpnIdInLink puts your MPN id in msppId; the link is composed from the configuration.";
        }

        return null;
    }

    /// <summary>
    /// A link the service gave, checked before it goes into an email: an absolute https address with nothing that
    /// could break a mail header or the draft (no whitespace or control characters).
    /// </summary>
    public static string FromService(string link)
    {
        if (!Uri.TryCreate(link?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || link!.Trim().Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.ServiceLinkInvalid,
                ErrorKind.InvalidData,
                "Partner Center answered with a relationship link that is not a plain https address, so it was not put in the invite. " +
                $"Try again later, or disconnect ({CommandNames.DisconnectPartnerRelationship}) to use the link composed from the configuration.",
                InputExcerpt.Of(link));
        }

        return uri.AbsoluteUri;
    }

    /// <summary>
    /// The reseller link composed offline, in the shape request-reseller-relationship documents:
    /// <c>invType=ResellerRelationship&amp;partnerId=&lt;partner tenant GUID&gt;&amp;msppId=0&amp;DAP=false</c>. With an
    /// indirect reseller configured, the indirect-reseller variant (not in the developer docs; public samples agree):
    /// <c>invType=IndirectResellerRelationship&amp;partnerId=&lt;reseller tenant GUID&gt;&amp;msppId=&lt;reseller MPN id&gt;&amp;indirectCSPId=&lt;provider tenant GUID&gt;</c>.
    /// </summary>
    /// <param name="requestDelegatedAdmin">DAP=true: also ask for legacy full delegated admin. Only by deliberate choice.</param>
    /// <param name="showMpnId">msppId = the partner's MPN id instead of 0 (direct link only).</param>
    public static string ResellerLink(PartnerSettings partner, CloudEnvironment cloud = CloudEnvironment.Global, bool requestDelegatedAdmin = false, bool showMpnId = false)
    {
        if (partner is null)
        {
            throw new ArgumentNullException(nameof(partner));
        }

        var tenantId = RequireTenantId(partner.TenantId, "partner.tenantId", "your partner (Entra) tenant id");
        var dap = requestDelegatedAdmin ? "true" : "false";
        string query;
        if (partner.InvitesForIndirectReseller)
        {
            var resellerTenant = RequireTenantId(partner.IndirectResellerTenantId, "partner.indirectResellerTenantId", "the indirect reseller's tenant id");
            var resellerMpn = RequireMpnId(partner.IndirectResellerMpnId, "partner.indirectResellerMpnId", "the indirect reseller's MPN id");
            query = $"invType=IndirectResellerRelationship&partnerId={resellerTenant}&msppId={resellerMpn}&indirectCSPId={tenantId}&DAP={dap}";
        }
        else
        {
            var mspp = showMpnId ? RequireMpnId(partner.MpnId, "partner.mpnId", "your Partner Center (MPN) id") : "0";
            query = $"invType=ResellerRelationship&partnerId={tenantId}&msppId={mspp}&DAP={dap}";
        }

        return $"{AdminPortalHosts.For(cloud)}/Adminportal/Home?{query}{InvitationFragment}";
    }

    private static string RequireTenantId(string? value, string key, string what)
    {
        if (Guid.TryParse(value?.Trim(), out var guid) && guid != Guid.Empty)
        {
            return guid.ToString("D");
        }

        throw new PartnerRelationshipsException(
            ErrorIds.Invite.PartnerIdMissing,
            ErrorKind.InvalidData,
            $"The reseller invitation link needs {what}, a GUID, and {key} in the configuration " +
            (string.IsNullOrWhiteSpace(value) ? "is empty." : $"is '{InputExcerpt.Of(value!)}'.") +
            $" Set it in the configuration file ({CommandNames.NewPartnerRelationshipConfig} writes a commented one).",
            key);
    }

    private static string RequireMpnId(string? value, string key, string what)
    {
        var text = value?.Trim();
        if (!string.IsNullOrEmpty(text) && text!.All(c => c is >= '0' and <= '9'))
        {
            return text!;
        }

        throw new PartnerRelationshipsException(
            ErrorIds.Invite.PartnerIdMissing,
            ErrorKind.InvalidData,
            $"The reseller invitation link needs {what} (digits), and {key} in the configuration " +
            (string.IsNullOrEmpty(text) ? "is empty." : $"is '{InputExcerpt.Of(text!)}'.") + " Set it in the configuration file.",
            key);
    }

    /// <summary>The page where a customer approves a granular admin (GDAP) relationship, in the global cloud.</summary>
    public static string GranularApprovalLink(string relationshipId) =>
        GranularApprovalLink(relationshipId, CloudEnvironment.Global);

    /// <summary>The page where a customer approves a granular admin (GDAP) relationship.</summary>
    public static string GranularApprovalLink(string relationshipId, CloudEnvironment cloud)
    {
        if (string.IsNullOrWhiteSpace(relationshipId))
        {
            throw new ArgumentException("A relationship id is required.", nameof(relationshipId));
        }

        return $"{AdminPortalHosts.For(cloud)}/AdminPortal/Home#/partners/invitation/granularAdminRelationships/" +
               Uri.EscapeDataString(relationshipId.Trim());
    }
}
