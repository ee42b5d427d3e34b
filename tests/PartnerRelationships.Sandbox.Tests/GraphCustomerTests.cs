namespace PartnerRelationships.Sandbox.Tests;

public sealed class GraphCustomerTests
{
    [Fact]
    public async Task DelegatedAdminCustomers_lists_customers_with_an_approved_relationship()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Customer with GDAP");
        await sandbox.CreateAsync("Only created");
        var tenant = active.Customer!.TenantId!;

        var customers = await sandbox.Graph.TenantRelationships.DelegatedAdminCustomers.GetAsync();
        var one = await sandbox.Graph.TenantRelationships.DelegatedAdminCustomers[tenant].GetAsync();

        var listed = Assert.Single(customers!.Value!);
        Assert.Equal(tenant, listed.TenantId);
        Assert.Equal(tenant, listed.Id);
        Assert.Equal("Contoso Ltd", one!.DisplayName);
        await ODataErrorAssert.ThrowsAsync(404, "notFound", () => sandbox.Graph.TenantRelationships.DelegatedAdminCustomers[Guid.NewGuid().ToString()].GetAsync());
    }

    [Fact]
    public async Task A_customer_who_accepts_the_reseller_link_appears_in_contracts()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = Guid.NewGuid().ToString();
        Assert.Empty((await sandbox.Graph.Contracts.GetAsync())!.Value!);

        await sandbox.ControlAsync("_sandbox/customers/accept-reseller", new { displayName = "Fabrikam Inc", tenantId = tenant, domain = "fabrikam.onmicrosoft.com" });
        var contracts = await sandbox.Graph.Contracts.GetAsync();

        var contract = Assert.Single(contracts!.Value!);
        Assert.Equal("ResellerPartner", contract.ContractType);
        Assert.Equal(Guid.Parse(tenant), contract.CustomerId);
        Assert.Equal("fabrikam.onmicrosoft.com", contract.DefaultDomainName);
        Assert.Equal("Fabrikam Inc", contract.DisplayName);
    }

    [Fact]
    public async Task Contracts_page_with_nextLink()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            sandbox.State.AcceptResellerLink($"Customer {i}");
        }

        var first = await sandbox.Graph.Contracts.GetAsync(c => c.QueryParameters.Top = 3);
        var second = await sandbox.Graph.Contracts.WithUrl(first!.OdataNextLink!).GetAsync();

        Assert.Equal(3, first.Value!.Count);
        Assert.Equal(2, second!.Value!.Count);
        Assert.Null(second.OdataNextLink);
    }
}
