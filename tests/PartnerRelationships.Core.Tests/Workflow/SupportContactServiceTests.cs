using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class SupportContactServiceTests
{
    private const string Tenant = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

    [Fact]
    public async Task Get_is_null_until_set_and_set_defaults_to_the_configured_partner()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant);
        var service = new SupportContactService(h.PartnerCenter, h.Config);

        Assert.Null(await service.GetAsync(Tenant));
        var set = await service.SetAsync(Tenant);
        Assert.Equal(new SupportContactInfo(h.Config.Partner.TenantId, "1234567", "Northwind IT"), set);
        Assert.Equal(set, await service.GetAsync(Tenant));

        var reseller = new SupportContactInfo("7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b", "7654321", "Indirect Reseller");
        await service.SetAsync(Tenant, reseller);
        Assert.Equal(reseller, await service.GetAsync(Tenant));
    }

    [Fact]
    public async Task Bad_input_and_unknown_customers_fail_clearly()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var service = new SupportContactService(h.PartnerCenter, h.Config);

        Assert.Equal(WorkflowErrorIds.InvalidSupportContact, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.SetAsync(Tenant, new SupportContactInfo("nope", null, null)))).ErrorId);
        Assert.Equal(WorkflowErrorIds.InvalidSupportContact, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.SetAsync(Tenant, new SupportContactInfo(Tenant, "12ab", null)))).ErrorId);
        Assert.Equal(WorkflowErrorIds.InvalidCustomerTenantId, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.GetAsync("contoso"))).ErrorId);
        Assert.Equal(WorkflowErrorIds.InvalidSupportContact, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.SetAsync(Tenant, new SupportContactInfo(Tenant, null, "Help\r\nX-Evil: 1")))).ErrorId);
        Assert.Equal(WorkflowErrorIds.InvalidSupportContact, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.SetAsync(Tenant, new SupportContactInfo(Tenant, null, new string('x', 100_000))))).ErrorId);
        Assert.Equal("RemoteNotFound", (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.GetAsync(Tenant))).ErrorId);
    }
}
