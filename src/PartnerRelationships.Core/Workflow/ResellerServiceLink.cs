using System;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// The reseller link Partner Center hands out for this partner is authoritative where the composed one rests on the
/// configuration, so a connected caller asks for it. When it does not apply to the configuration (an indirect reseller's
/// link, say) or the service cannot give it, the invite falls back to the link composed from the configuration.
/// </summary>
public static class ResellerServiceLink
{
    public static async Task<ResellerServiceLinkResult> AskAsync(PartnerRelationshipsConfig config, IPartnerCenterClient partnerCenter, CancellationToken cancellationToken)
    {
        if (config is null)
        {
            throw new ArgumentNullException(nameof(config));
        }

        if (partnerCenter is null)
        {
            throw new ArgumentNullException(nameof(partnerCenter));
        }

        if (ResellerLinkBuilder.WhyServiceLinkDoesNotApply(config) is { } reason)
        {
            return new ResellerServiceLinkResult(null, reason, null);
        }

        try
        {
            var link = (await partnerCenter.GetRelationshipRequestLinkAsync(cancellationToken).ConfigureAwait(false)).AbsoluteUri;
            return new ResellerServiceLinkResult(link, $"Reseller link from Partner Center: {link}", null);
        }
        catch (PartnerRelationshipsException ex)
        {
            return new ResellerServiceLinkResult(null, null,
                $"Partner Center did not give the reseller link ({ex.Message}); the invite uses the link composed from the configuration.");
        }
    }
}
