using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Integration;

public class SandboxPagingTests
{
    private const int Customers = 1_200;

    [Fact]
    public async Task Partner_Center_customers_stream_page_by_page()
    {
        await using var sandbox = await SandboxConnection.StartAsync(customers: Customers);

        var seen = new HashSet<string>();
        var requestsAtFirstItem = -1;
        await foreach (var customer in sandbox.Connection.PartnerCenter.ListCustomersAsync(pageSize: 100))
        {
            if (requestsAtFirstItem < 0)
            {
                requestsAtFirstItem = sandbox.Observer.Attempts.Count;
            }

            Assert.True(seen.Add(customer.TenantId), $"customer {customer.TenantId} came twice");
        }

        Assert.Equal(1, requestsAtFirstItem); // The first customers arrive before the second page is asked for.
        var expected = sandbox.Server.State.Customers.Where(c => c.IsResellerCustomer).Select(c => c.TenantId).ToHashSet();
        Assert.Equal(expected, seen);
        Assert.True(seen.Count >= 1_000);
        Assert.Equal((seen.Count + 99) / 100, sandbox.Observer.Attempts.Count(a => a.Path.StartsWith("/v1/customers", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Graph_relationships_and_delegated_admin_customers_follow_next_links()
    {
        await using var sandbox = await SandboxConnection.StartAsync(customers: Customers);

        var relationships = new List<DelegatedAdminRelationshipInfo>();
        await foreach (var relationship in sandbox.Connection.GraphGdap.ListRelationshipsAsync(new RelationshipFilter { PageSize = 300 }))
        {
            relationships.Add(relationship);
        }

        Assert.Equal(sandbox.Server.State.Relationships.Count, relationships.Count);
        Assert.Equal(relationships.Count, relationships.Select(r => r.Id).Distinct().Count());
        Assert.True(sandbox.Observer.Attempts.Count >= (relationships.Count + 299) / 300);

        var delegatedCustomers = 0;
        await foreach (var _ in sandbox.Connection.GraphGdap.ListDelegatedAdminCustomersAsync())
        {
            delegatedCustomers++;
        }

        Assert.True(delegatedCustomers > 0);
    }
}
