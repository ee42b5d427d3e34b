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
        Assert.Equal(DirectLink, ResellerLinkBuilder.ForConfig(Config()));
    }

    [Fact]
    public void Indirect_link_names_the_reseller_and_keeps_the_partner()
    {
        var link = ResellerLinkBuilder.ForConfig(Config(indirectResellerId: "7654321"));

        Assert.Equal(
            "https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId=1234567" +
            "&indirectCSPId=7654321&msppId=0&DAP=true#/BillingAccounts/partner-invitation",
            link);
    }

    [Fact]
    public void Blank_indirect_reseller_id_means_the_direct_link()
    {
        Assert.Equal(DirectLink, ResellerLinkBuilder.ForConfig(Config(indirectResellerId: "  ")));
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

        Assert.StartsWith(origin + "Adminportal/Home?invType=ResellerRelationship&partnerId=1234567", link);
    }

    [Fact]
    public void Ids_are_url_encoded()
    {
        var config = Config(indirectResellerId: "a&b=c#d");
        config.Partner.PartnerId = "12 34/?";

        var link = ResellerLinkBuilder.ForConfig(config);

        Assert.Contains("partnerId=12%2034%2F%3F&", link);
        Assert.Contains("indirectCSPId=a%26b%3Dc%23d&", link);
        Assert.Single(link.Split('#').Skip(1));
        Assert.Equal(new Uri(link).Query, "?" + link.Split('?', 2)[1].Split('#')[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_partner_id_says_which_setting_to_fill(string partnerId)
    {
        var config = Config();
        config.Partner.PartnerId = partnerId;

        var e = Throws(() => ResellerLinkBuilder.ForConfig(config), "PartnerIdMissing");

        Assert.Equal(ErrorKind.ObjectNotFound, e.Category);
        Assert.Contains("partner.partnerId", e.Message);
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
