using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;

namespace PartnerRelationships.Core.Tests.Invites;

public class ResellerLinkBuilderTests
{
    [Fact]
    public void Direct_link_has_the_documented_shape()
    {
        // request-reseller-relationship's example: partnerId = the partner's tenant GUID, msppId=0, DAP=false.
        Assert.Equal(DirectLink, ResellerLinkBuilder.ForConfig(Config()));
    }

    [Fact]
    public void The_mpn_id_goes_in_msppId_only_when_asked()
    {
        var config = Config();
        config.Invites.ShowMpnIdInLink = true;

        Assert.Equal(DirectLink.Replace("msppId=0", "msppId=" + PartnerId), ResellerLinkBuilder.ForConfig(config));
        Assert.DoesNotContain("partnerId=" + PartnerId, ResellerLinkBuilder.ForConfig(config));
    }

    [Fact]
    public void Legacy_full_admin_is_asked_only_by_a_deliberate_option()
    {
        var config = Config();
        Assert.Contains("&DAP=false#", ResellerLinkBuilder.ForConfig(config));

        config.Invites.RequestDelegatedAdmin = true;
        Assert.Equal(DirectLink.Replace("DAP=false", "DAP=true"), ResellerLinkBuilder.ForConfig(config));
    }

    [Fact]
    public void Indirect_link_names_the_reseller_as_partner_and_the_provider_as_indirect_csp()
    {
        var link = ResellerLinkBuilder.ForConfig(Config(ResellerTenantId, ResellerMpnId));

        Assert.Equal(
            "https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship" +
            $"&partnerId={ResellerTenantId}&msppId={ResellerMpnId}&indirectCSPId={PartnerTenantId}&DAP=false#/BillingAccounts/partner-invitation",
            link);
    }

    [Fact]
    public void Blank_indirect_reseller_means_the_direct_link()
    {
        Assert.Equal(DirectLink, ResellerLinkBuilder.ForConfig(Config("  ", "  ")));
    }

    [Theory]
    [InlineData(CloudEnvironment.Global, "https://admin.microsoft.com/")]
    [InlineData(CloudEnvironment.USGovernment, "https://portal.office365.us/")]
    [InlineData(CloudEnvironment.USGovernmentDoD, "https://portal.apps.mil/")]
    [InlineData(CloudEnvironment.China, "https://portal.partner.microsoftonline.cn/")]
    public void Link_points_to_the_admin_center_of_the_cloud(CloudEnvironment cloud, string origin)
    {
        var config = Config();
        config.Cloud = cloud;

        var link = ResellerLinkBuilder.ForConfig(config);

        Assert.StartsWith(origin + "Adminportal/Home?invType=ResellerRelationship&partnerId=" + PartnerTenantId, link);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1234567")]
    public void A_partner_tenant_id_that_is_not_a_guid_says_which_setting_to_fill(string tenantId)
    {
        var config = Config();
        config.Partner.TenantId = tenantId;

        var e = Throws(() => ResellerLinkBuilder.ForConfig(config), "PartnerIdMissing");

        Assert.Equal(ErrorKind.InvalidData, e.Category);
        Assert.Contains("partner.tenantId", e.Message);
    }

    [Fact]
    public void An_indirect_reseller_without_its_mpn_id_says_which_setting_to_fill()
    {
        var e = Throws(() => ResellerLinkBuilder.ForConfig(Config(ResellerTenantId, null)), "PartnerIdMissing");
        Assert.Contains("partner.indirectResellerMpnId", e.Message);
    }

    [Fact]
    public void The_service_link_fits_only_the_plain_direct_invite()
    {
        Assert.Null(ResellerLinkBuilder.WhyServiceLinkDoesNotApply(Config()));
        Assert.Contains("indirect", ResellerLinkBuilder.WhyServiceLinkDoesNotApply(Config(ResellerTenantId, ResellerMpnId)));

        var dap = Config();
        dap.Invites.RequestDelegatedAdmin = true;
        Assert.Contains("DAP=true", ResellerLinkBuilder.WhyServiceLinkDoesNotApply(dap));

        var mspp = Config();
        mspp.Invites.ShowMpnIdInLink = true;
        Assert.Contains("msppId", ResellerLinkBuilder.WhyServiceLinkDoesNotApply(mspp));
    }

    [Fact]
    public void Granular_approval_link_has_the_documented_shape()
    {
        Assert.Equal(
            "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836",
            ResellerLinkBuilder.GranularApprovalLink("5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836"));
    }

    [Fact]
    public void Granular_approval_link_escapes_the_id_and_follows_the_cloud()
    {
        Assert.Equal(
            "https://portal.office365.us/AdminPortal/Home#/partners/invitation/granularAdminRelationships/a%2Fb",
            ResellerLinkBuilder.GranularApprovalLink("a/b", CloudEnvironment.USGovernment));
    }
}
