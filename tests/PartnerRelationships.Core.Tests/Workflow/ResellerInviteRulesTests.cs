using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Invites;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Core.Tests.Remote;

namespace PartnerRelationships.Core.Tests.Workflow;

public class ResellerInviteRulesTests
{
    [Theory]
    [InlineData(InviteKind.Reseller, false, true, InviteKind.GranularAdmin)]  // a template alone means a granular invite
    [InlineData(InviteKind.Reseller, true, true, InviteKind.Reseller)]        // an explicit kind wins (and is then refused)
    [InlineData(InviteKind.Reseller, false, false, InviteKind.Reseller)]
    [InlineData(InviteKind.GranularAdmin, true, false, InviteKind.GranularAdmin)]
    public void A_template_without_a_kind_asks_for_a_granular_invite(InviteKind kind, bool kindGiven, bool templateGiven, InviteKind expected)
    {
        Assert.Equal(expected, ResellerInviteRules.KindFor(kind, kindGiven, templateGiven));
    }

    [Theory]
    [InlineData("Role")]
    [InlineData("Duration")]
    [InlineData("AutoExtend")]
    [InlineData("RelationshipName")]
    [InlineData("Template")]
    public void A_reseller_invite_refuses_each_granular_only_input(string parameter)
    {
        var ex = Assert.Throws<PartnerRelationshipsException>(() => ResellerInviteRules.RefuseGranularOnlyInputs(InviteKind.Reseller, name => name == parameter));

        Assert.Equal("GranularOnlyParameter", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Category);
        Assert.Equal(parameter, ex.Target);
        Assert.Equal($"-{parameter} applies to granular admin invites only. Add -Kind GranularAdmin, or leave out -{parameter} for a reseller invite.", ex.Message);
    }

    [Fact]
    public void A_granular_invite_or_a_plain_reseller_invite_passes()
    {
        ResellerInviteRules.RefuseGranularOnlyInputs(InviteKind.GranularAdmin, _ => true);
        ResellerInviteRules.RefuseGranularOnlyInputs(InviteKind.Reseller, name => name is "Subject" or "Body");
    }

    [Fact]
    public void Blank_values_from_a_csv_are_no_values_but_real_ones_are_refused()
    {
        ResellerInviteRules.RefuseGranularOnlyValues(" ", "");
        ResellerInviteRules.RefuseGranularOnlyValues(null, null);

        Assert.Equal("RelationshipName", Assert.Throws<PartnerRelationshipsException>(() => ResellerInviteRules.RefuseGranularOnlyValues("Contoso admins", null)).Target);
        Assert.Equal("Template", Assert.Throws<PartnerRelationshipsException>(() => ResellerInviteRules.RefuseGranularOnlyValues(null, "helpdesk")).Target);
    }

    [Fact]
    public async Task The_link_Partner_Center_gives_is_used_and_reported()
    {
        var answer = await ResellerServiceLink.AskAsync(InviteTestData.Config(), new LinkOnly(() => new Uri("https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=abc#/BillingAccounts/partner-invitation")), CancellationToken.None);

        Assert.Equal("https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=abc#/BillingAccounts/partner-invitation", answer.Link);
        Assert.Equal($"Reseller link from Partner Center: {answer.Link}", answer.Detail);
        Assert.Null(answer.Warning);
    }

    [Fact]
    public async Task When_Partner_Center_cannot_give_the_link_the_composed_one_is_used_with_a_warning()
    {
        var refused = new PartnerRelationshipsException("RemoteForbidden", ErrorKind.PermissionDenied, "Partner Center refused the call (403).");

        var answer = await ResellerServiceLink.AskAsync(InviteTestData.Config(), new LinkOnly(() => throw refused), CancellationToken.None);

        Assert.Null(answer.Link);
        Assert.Null(answer.Detail);
        Assert.Equal("Partner Center did not give the reseller link (Partner Center refused the call (403).); the invite uses the link composed from the configuration.", answer.Warning);
    }

    [Fact]
    public async Task An_indirect_resellers_invite_does_not_ask_Partner_Center()
    {
        var config = InviteTestData.Config(InviteTestData.ResellerTenantId, InviteTestData.ResellerMpnId);

        var answer = await ResellerServiceLink.AskAsync(config, new LinkOnly(() => throw new InvalidOperationException("must not be asked")), CancellationToken.None);

        Assert.Null(answer.Link);
        Assert.Null(answer.Warning);
        Assert.Contains("the indirect-reseller link is composed from the configuration", answer.Detail);
    }

    /// <summary>A Partner Center client that can only give the reseller link.</summary>
    private sealed class LinkOnly(Func<Uri> link) : UnsupportedPartnerCenterClient
    {
        public override Task<Uri> GetRelationshipRequestLinkAsync(CancellationToken cancellationToken = default) => Task.FromResult(link());
    }
}
