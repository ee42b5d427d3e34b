using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Invites;

internal static class InviteTestData
{
    public const string PartnerId = "1234567";
    public const string PartnerTenantId = "9f1c2b3a-0000-4000-8000-000000000001";
    public const string PartnerName = "Fabrikam Cloud Services";
    public const string ResellerTenantId = "7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b";
    public const string ResellerMpnId = "7654321";

    /// <summary>request-reseller-relationship's documented shape: partnerId = the partner's tenant GUID, msppId=0, DAP=false.</summary>
    public const string DirectLink =
        "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=" + PartnerTenantId + "&msppId=0&DAP=false#/BillingAccounts/partner-invitation";

    public static PartnerRelationshipsConfig Config(string? indirectResellerTenantId = null, string? indirectResellerMpnId = null) => new()
    {
        Partner = new PartnerSettings
        {
            TenantId = PartnerTenantId,
            MpnId = PartnerId,
            Name = PartnerName,
            IndirectResellerTenantId = indirectResellerTenantId,
            IndirectResellerMpnId = indirectResellerMpnId,
        },
    };

    public static PartnerRelationshipsException Throws(Action action, string errorId)
    {
        var e = Assert.Throws<PartnerRelationshipsException>(action);
        Assert.Equal(errorId, e.ErrorId);
        return e;
    }

    public static async Task<PartnerRelationshipsException> ThrowsAsync(Func<Task> action, string errorId)
    {
        var e = await Assert.ThrowsAsync<PartnerRelationshipsException>(action);
        Assert.Equal(errorId, e.ErrorId);
        return e;
    }
}
