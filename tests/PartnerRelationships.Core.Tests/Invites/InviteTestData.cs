using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Invites;

internal static class InviteTestData
{
    public const string PartnerId = "1234567";
    public const string PartnerName = "Fabrikam Cloud Services";

    public const string DirectLink =
        "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1234567&msppId=0&DAP=true#/BillingAccounts/partner-invitation";

    public static PartnerRelationshipsConfig Config(string? indirectResellerId = null) => new()
    {
        Partner = new PartnerSettings
        {
            TenantId = "9f1c2b3a-0000-4000-8000-000000000001",
            PartnerId = PartnerId,
            Name = PartnerName,
            IndirectResellerId = indirectResellerId,
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
